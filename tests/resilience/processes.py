"""Real processes for resilience tests: a private PostgreSQL cluster, and migrated databases."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mend.extensions import db
from tests.conftest import build_app
from tests.live.servers import free_port

POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL server binaries (initdb, pg_ctl), if any."""
    found = sorted(
        Path(path).parent
        for path in Path("/").glob(POSTGRES_BIN_GLOB.lstrip("/") + "/initdb")
        if (Path(path).parent / "pg_ctl").exists()
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _as_cluster_owner() -> list[str]:
    """initdb refuses to run as root: run the cluster as the `postgres` user then."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root and runuser is missing: cannot start PostgreSQL")
    return [runuser, "-u", "postgres", "--"]


def missing_postgres_reason() -> str | None:
    """Why a private cluster cannot be started here, or None if it can."""
    if postgres_bin() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a `postgres` user to own the cluster"
        if shutil.which("runuser") is None:
            return "running as root without runuser to become `postgres`"
    return None


@dataclass
class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free loopback port that a test may stop and start."""

    bin_dir: Path
    root: Path
    port: int
    host: str = "127.0.0.1"
    netns: str | None = None

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the cluster's `postgres` database."""
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/postgres"

    def _run(self, *command: str, timeout: float = 60) -> None:
        inside = ["ip", "netns", "exec", self.netns] if self.netns else []
        subprocess.run(
            [*inside, *_as_cluster_owner(), *command],
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def initdb(self) -> None:
        """Create the cluster (trust authentication on loopback, no fsync: it is thrown away)."""
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        if self.host != "127.0.0.1":
            with (self.data / "pg_hba.conf").open("a") as rules:
                rules.write("host all all samenet trust\n")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses={self.host} "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server: `immediate` is a crash as clients see it, `fast` a clean shutdown."""
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def processes(self) -> list[int]:
        """The postmaster and every process it started (backends, checkpointer, ...)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == postmaster:
                    children.append(int(stat.parent.name))
        return [postmaster, *children]

    def freeze(self) -> list[int]:
        """SIGSTOP the whole cluster: connections stay open, nothing ever answers."""
        frozen = []
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):  # a backend that just ended
                os.kill(pid, signal.SIGSTOP)
                frozen.append(pid)
        return frozen

    def thaw(self, frozen: list[int]) -> None:
        """SIGCONT what freeze() stopped."""
        for pid in frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


@contextmanager
def private_postgres(
    *, host: str = "127.0.0.1", netns: str | None = None
) -> Iterator[PrivatePostgres]:
    """Start a private cluster in a temporary directory; stop and delete it afterwards.

    With netns, the server runs inside that network namespace, listening on host.
    """
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries are not installed")
    root = Path(tempfile.mkdtemp(prefix="mend-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group=None)
    port = free_port() if netns is None else 5432
    cluster = PrivatePostgres(bin_dir=bin_dir, root=root, port=port, host=host, netns=netns)
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                cluster.thaw(cluster.processes())
            with contextlib.suppress(subprocess.SubprocessError):
                cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


def migrate(database_url: str, instance: Path) -> None:
    """Bring database_url's schema to the newest migration."""
    app = build_app(instance, database_url=database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@contextmanager
def fresh_postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of server_url; dropped afterwards. Yields its URL."""
    server = make_url(server_url)
    name = f"mend_resilience_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class Link:
    """A veth link from this host into a private network namespace; cut() makes a black hole."""

    namespace: str
    outside: str
    inside: str
    host_address: str
    namespace_address: str

    def _ip(self, *args: str, inside: bool = False) -> None:
        prefix = ["ip", "netns", "exec", self.namespace] if inside else []
        subprocess.run([*prefix, "ip", *args], check=True, capture_output=True, timeout=10)

    def cut(self) -> None:
        """Take the namespace's end down: packets to it vanish, nothing answers or refuses."""
        self._ip("link", "set", self.inside, "down", inside=True)

    def mend(self) -> None:
        """Bring the namespace's end back up."""
        self._ip("link", "set", self.inside, "up", inside=True)


def missing_network_namespace_reason() -> str | None:
    """Why a private network namespace cannot be made here, or None if it can."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        return "needs root and iproute2 to make a network namespace"
    probe = f"mendprobe{os.getpid() % 100000}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True)
    if made.returncode != 0:
        return f"cannot make a network namespace: {made.stderr.decode().strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


@contextmanager
def network_namespace() -> Iterator[Link]:
    """A network namespace joined to this host by a veth pair on a private /30."""
    tag = f"{os.getpid() % 100000}"
    subnet = 1 + os.getpid() % 250
    link = Link(
        namespace=f"mend{tag}",
        outside=f"mendo{tag}",
        inside=f"mendi{tag}",
        host_address=f"10.251.{subnet}.1",
        namespace_address=f"10.251.{subnet}.2",
    )
    steps = [
        ["netns", "add", link.namespace],
        ["link", "add", link.outside, "type", "veth", "peer", "name", link.inside],
        ["link", "set", link.inside, "netns", link.namespace],
        ["addr", "add", f"{link.host_address}/30", "dev", link.outside],
        ["link", "set", link.outside, "up"],
    ]
    inside_steps = [
        ["addr", "add", f"{link.namespace_address}/30", "dev", link.inside],
        ["link", "set", link.inside, "up"],
        ["link", "set", "lo", "up"],
    ]
    try:
        for step in steps:
            link._ip(*step)
        for step in inside_steps:
            link._ip(*step, inside=True)
        yield link
    finally:
        subprocess.run(["ip", "link", "del", link.outside], capture_output=True)
        subprocess.run(["ip", "netns", "del", link.namespace], capture_output=True)
