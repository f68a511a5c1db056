"""The production topology without Docker: a TLS proxy, then Debian's nginx with
deploy/nginx.conf, in front of two app processes started with the Dockerfile's own command.

Only what cannot be the same outside Docker is rewritten: the apps' upstream addresses
and nginx's listen port, plus the process-level settings (pid file, temp folders,
logs) that the nginx image keeps in its own nginx.conf around conf.d/default.conf.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.builders import TEST_DATA_KEYS
from tests.live.servers import free_port, listening, wait_until

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
SITE = REPO / "deploy" / "nginx.conf"
SECRET = "topology-test-secret-key-that-is-long-enough-0123"
NGINX_MAIN = """daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    proxy_max_temp_file_size 0;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/site.conf;
}}
"""


def nginx_binary() -> str | None:
    """Debian's nginx, if installed."""
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
    )


def dockerfile_command() -> list[str]:
    """The image's CMD, exactly as the Dockerfile gives it."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    match = re.search(r"^CMD\s+(\[.*\])\s*$", text, re.MULTILINE)
    assert match, "the Dockerfile has no CMD in exec form"
    return list(json.loads(match.group(1)))


def dockerfile_environment() -> dict[str, str]:
    """The ENV settings of the image's final stage (MEND_ENV=production and the like)."""
    final_stage = DOCKERFILE.read_text().split("\nFROM ")[-1].replace("\\\n", " ")
    pairs: dict[str, str] = {}
    for line in final_stage.splitlines():
        if line.startswith("ENV "):
            pairs.update(dict(item.split("=", 1) for item in line[4:].split()))
    return pairs


def site_config(*, listen: int, apps: list[int]) -> str:
    """deploy/nginx.conf with the apps' addresses and the listen port rewritten."""
    text = SITE.read_text()
    servers = re.findall(r"^\s*server app\d+:8000[^;]*;$", text, re.MULTILINE)
    assert len(servers) == len(apps), "deploy/nginx.conf should list one server per app"
    for line, port in zip(servers, apps, strict=True):
        indent = line[: len(line) - len(line.lstrip())]
        text = text.replace(line, f"{indent}server 127.0.0.1:{port};", 1)
    text, listens = re.subn(
        r"^(\s*)listen 80;$", rf"\1listen 127.0.0.1:{listen};", text, count=1, flags=re.M
    )
    assert listens == 1, "deploy/nginx.conf should listen on port 80"
    return text


TLS_FRONT = """map $http_upgrade $connection_upgrade {{
    default upgrade;
    ''      close;
}}
server {{
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    location / {{
        proxy_pass http://127.0.0.1:{inner};
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_read_timeout 75s;
    }}
}}
"""


def self_signed_certificate(root: Path) -> tuple[Path, Path]:
    """A throwaway certificate for localhost: (certificate, key)."""
    root.mkdir(parents=True, exist_ok=True)
    certificate, key = root / "localhost.pem", root / "localhost.key"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(certificate), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


@contextmanager
def nginx(root: Path, *, site: str, port: int) -> Iterator[None]:
    """An nginx process serving `site` (a conf.d file) from its own folder."""
    binary = nginx_binary()
    assert binary, "nginx is not installed"
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(NGINX_MAIN.format(root=root, user=user))
    command = [binary, "-p", str(root), "-c", str(root / "nginx.conf")]
    subprocess.run([*command, "-t", "-q"], check=True)
    process = subprocess.Popen(command, start_new_session=True)
    try:
        assert wait_until(lambda: listening(port, 0.5))
        yield
    finally:
        kill(process)


@contextmanager
def proxies(root: Path, *, apps: list[int]) -> Iterator[tuple[str, Path]]:
    """A TLS proxy (as a load balancer would be) in front of deploy/nginx.conf in front of
    the apps: the forwarded-proto chain of the README, MEND_PROXY_COUNT=2.

    Yields the browser's origin (https://localhost:port) and the certificate to trust.
    """
    inner, outer = free_port(), free_port()
    certificate, key = self_signed_certificate(root / "tls")
    front = TLS_FRONT.format(port=outer, certificate=certificate, key=key, inner=inner)
    with (
        nginx(root / "mend", site=site_config(listen=inner, apps=apps), port=inner),
        nginx(root / "front", site=front, port=outer),
    ):
        yield f"https://localhost:{outer}", certificate


def production_environment(
    instance: Path, *, database_url: str, redis_url: str, **settings: str
) -> dict[str, str]:
    """What every process of the topology (the apps and the worker) is started with: the
    image's ENV, the shared secrets, PostgreSQL and Redis, plus any MEND_* `settings`
    (SMTP_URL=... becomes MEND_SMTP_URL=...)."""
    return {
        **os.environ,
        **dockerfile_environment(),
        "MEND_INSTANCE_PATH": str(instance),
        "MEND_SECRET_KEY": SECRET,
        "MEND_DATA_KEYS": TEST_DATA_KEYS,
        "MEND_DATABASE_URL": database_url,
        "MEND_REDIS_URL": redis_url,
        "MEND_PROXY_COUNT": "2",
        "MEND_LOGIN_LIMIT": "1000 per minute",
        "MEND_LOGIN_ADDRESS_LIMIT": "1000 per minute",
        **{f"MEND_{name}": value for name, value in settings.items()},
    }


@contextmanager
def app_process(
    log: Path, *, port: int, database_url: str, redis_url: str, **settings: str
) -> Iterator[subprocess.Popen]:
    """One app as the image runs it: the Dockerfile's CMD, bound to a loopback port."""
    command = dockerfile_command()
    assert command[0] == "gunicorn", "the image is expected to start gunicorn"
    command[0] = str(Path(sys.executable).parent / "gunicorn")
    command = [part.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for part in command]
    environment = production_environment(
        log.parent / f"instance-{port}", database_url=database_url, redis_url=redis_url, **settings
    )
    with log.open("ab") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=environment, stdout=output, stderr=output, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}"
        assert wait_until(lambda: requests.get(f"{url}/api/v1/health", timeout=1).ok, timeout=30), (
            f"the app did not start:\n{log.read_text()[-2000:]}"
        )
        yield process
    finally:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    """kill -9 the process and everything it started (gunicorn's worker), and reap it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
