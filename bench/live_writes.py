"""bench/live.py's writes: check-ins POSTed on a fixed schedule through the server
processes in turn, logins alongside if asked for, and each write matched to when its
event arrived.
"""

from __future__ import annotations

import http.cookiejar
import math
import random
import threading
import time
from argparse import Namespace
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests
from live_accounts import LOGIN_EMAIL, Couple
from live_sockets import Arrivals, StallMeter
from servers import PASSWORD, Scenario, cpu_seconds, resident_mb

HTTP_TIMEOUT = 5.0


@dataclass
class Write:
    """One check-in POST and what became of it (perf_counter seconds)."""

    tag: str
    couple: Couple
    url: str
    sent: float = 0.0
    answered: float = 0.0
    status: int = 0
    error: str = ""
    checkin_id: int | None = None  # from the answer: events carry ids only
    arrived: float | None = None

    def latency(self) -> float:
        """Seconds from sending the POST to the event's arrival (inf if it never came)."""
        return math.inf if self.arrived is None else self.arrived - self.sent


@dataclass
class Measurement:
    """What happened during the measured writes."""

    writes: list[Write]
    logins: list[float]
    server_cpu: float
    server_mb: float
    stalls: StallMeter


# --- writes -------------------------------------------------------------------------------


_local = threading.local()


def _http() -> requests.Session:
    """A keep-alive session per thread that never stores cookies (each write sends its own)."""
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
        _local.session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return _local.session


def post_checkin(write: Write, predicted_safety: int) -> None:
    """POST one check-in as the repairing partner and note when it was sent and answered."""
    member = write.couple.repairing
    body = {"predicted_safety": predicted_safety, "tags": [write.tag]}
    headers = {"Cookie": member.cookie, "X-CSRFToken": member.csrf}
    path = f"{write.url}/api/v1/spaces/{write.couple.space_id}/checkins"
    write.sent = time.perf_counter()
    try:
        response = _http().post(path, json=body, headers=headers, timeout=HTTP_TIMEOUT)
        write.status = response.status_code
        if response.status_code == 201:
            write.checkin_id = response.json()["id"]
    except requests.RequestException as error:
        write.status, write.error = -1, type(error).__name__
    write.answered = time.perf_counter()


def drive(
    prefix: str, couples: list[Couple], urls: list[str], seconds: float, args: Namespace
) -> list[Write]:
    """Send rate x seconds check-ins on a fixed schedule (open loop), processes in turn."""
    rng = random.Random(f"{args.seed}{prefix}")
    writes: list[Write] = []
    workers = max(16, int(args.rate * HTTP_TIMEOUT * 1.5))
    with ThreadPoolExecutor(workers) as pool:
        start = time.perf_counter()
        for n in range(int(args.rate * seconds)):
            time.sleep(max(0.0, start + n / args.rate - time.perf_counter()))
            couple, url = rng.choice(couples), urls[n % len(urls)]
            writes.append(Write(tag=f"{prefix}{n}", couple=couple, url=url))
            pool.submit(post_checkin, writes[-1], rng.randint(0, 10))
    return writes


def log_in_repeatedly(url: str, every: float, stop: threading.Event) -> list[float]:
    """Log in (full argon2 cost) every `every` seconds until stopped; each login's duration."""
    durations: list[float] = []
    while every and not stop.wait(every):
        with requests.Session() as http:
            token = http.get(f"{url}/api/v1/auth/csrf", timeout=HTTP_TIMEOUT).json()["csrf_token"]
            started = time.perf_counter()
            response = http.post(
                f"{url}/api/v1/auth/login",
                json={"email": LOGIN_EMAIL, "password": PASSWORD},
                headers={"X-CSRFToken": token},
                timeout=HTTP_TIMEOUT * 4,
            )
            durations.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
    return durations


def measure(
    scenario: Scenario, couples: list[Couple], servers: list[tuple[str, int]], args: Namespace
) -> Measurement:
    """Warm up (not counted), then the measured writes with logins alongside if asked for."""
    urls, pids = [url for url, _ in servers], [pid for _, pid in servers]
    drive(f"warm-{scenario.key}", couples, urls, args.warmup, args)
    stop = threading.Event()
    with StallMeter() as stalls, ThreadPoolExecutor(1) as pool:
        cpu_before = cpu_seconds(pids)
        logins = pool.submit(log_in_repeatedly, urls[0], args.login_every, stop)
        writes = drive(f"bench-{scenario.key}", couples, urls, args.duration, args)
        stop.set()
        server_cpu = cpu_seconds(pids) - cpu_before
    return Measurement(writes, logins.result(), server_cpu, resident_mb(pids), stalls)


def collect(writes: list[Write], arrivals: Arrivals, grace: float) -> None:
    """Wait up to `grace` seconds after the last answer, then note each write's arrival."""
    deadline = max((w.answered for w in writes), default=time.perf_counter()) + grace
    expected = [w.checkin_id for w in writes if w.checkin_id is not None]
    while time.perf_counter() < deadline and arrivals.missing(expected):
        time.sleep(0.05)
    for write in writes:
        arrived = arrivals.arrival(write.checkin_id)
        write.arrived = arrived if arrived is not None and arrived <= deadline else None
