"""bench/live.py's sockets: one real Socket.IO client per partner, when each check-in's
event reached the hurt partner (Arrivals), and how starved this process was meanwhile
(StallMeter).
"""

from __future__ import annotations

import threading
import time
from argparse import Namespace
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import socketio
from live_accounts import Couple, Member

SLOW = 0.1


class Arrivals:
    """Receives every client's events; keeps when each check-in's event (by its id: live
    events carry ids only) first reached the hurt partner."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.times: dict[int, float] = {}
        self.strays = 0

    def handler(self, couple: Couple, role: str) -> Callable[[dict], None]:
        """The `mend:event` callback of one partner's client."""

        def on_event(message: dict) -> None:
            now = time.perf_counter()
            if message.get("space_id") != couple.space_id:
                with self._lock:
                    self.strays += 1
                return
            if role == "hurt" and message.get("type") == "checkin.created":
                with self._lock:
                    self.times.setdefault(message["data"]["id"], now)

        return on_event

    def missing(self, checkin_ids: list[int]) -> int:
        """How many of these check-ins' events have not arrived yet."""
        with self._lock:
            return sum(checkin_id not in self.times for checkin_id in checkin_ids)

    def arrival(self, checkin_id: int | None) -> float | None:
        """When the check-in's event first reached the hurt partner, if it did."""
        with self._lock:
            return None if checkin_id is None else self.times.get(checkin_id)


def connect(url: str, member: Member, on_event: Callable[[dict], None]) -> socketio.Client | None:
    """A real Socket.IO client over websocket with the member's cookie, or None if refused."""
    client = socketio.Client(reconnection=False)
    client.on("mend:event", on_event)
    try:
        client.connect(
            url, headers={"Cookie": member.cookie}, transports=["websocket"], wait_timeout=10
        )
    except socketio.exceptions.ConnectionError:
        return None
    return client


def connect_all(
    couples: list[Couple], urls: list[str], arrivals: Arrivals, args: Namespace
) -> list[socketio.Client]:
    """Hurt partners to the first process, repairing partners to the last, some at once."""
    jobs = []
    for couple in couples:
        jobs.append((urls[0], couple.hurt, arrivals.handler(couple, "hurt")))
        jobs.append((urls[-1], couple.repairing, arrivals.handler(couple, "repairing")))
    started = time.perf_counter()
    with ThreadPoolExecutor(args.connect_parallelism) as pool:
        clients = [c for c in pool.map(lambda job: connect(*job), jobs) if c is not None]
    took = time.perf_counter() - started
    print(f"  {len(clients)} of {len(jobs)} clients connected in {took:.1f} s", flush=True)
    return clients


def disconnect_all(clients: list[socketio.Client]) -> None:
    """Close every client (in parallel)."""
    with ThreadPoolExecutor(50) as pool:
        list(pool.map(lambda client: client.disconnect(), clients))


class StallMeter:
    """A thread that wakes every 10 ms: how late it wakes shows this process being starved."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.late = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> StallMeter:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            started = time.perf_counter()
            if self._stop.wait(0.01):
                return
            overshoot = time.perf_counter() - started - 0.01
            self.worst = max(self.worst, overshoot)
            self.late += overshoot > SLOW / 2
