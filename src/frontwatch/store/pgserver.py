"""A throw-away PostgreSQL server on loopback, for the tests and the benchmarks.

    with PostgresServer() as server:
        url = server.create_database("fw")      # postgresql://frontwatch@127.0.0.1:PORT/fw

It runs Debian's server binaries (``/usr/lib/postgresql/<version>/bin``, the
``postgresql`` package; ``$FRONTWATCH_PG_BINDIR`` names another folder): a new
cluster in a temporary folder, listening on 127.0.0.1 only, on a free port,
trusting local connections, stopped and deleted at the end. PostgreSQL refuses
to run as root, so as root the cluster belongs to the ``postgres`` system user
and its commands run through ``runuser``. Anything that stops it from starting
raises ``PostgresUnavailable`` with the reason.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

SUPERUSER = "frontwatch"
# Test settings: nothing is worth keeping after a crash, so nothing waits for the disk.
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server cannot be started here (the message says why and what to do)."""


def find_bindir() -> Path:
    """The folder of the newest installed server binaries (``initdb``, ``pg_ctl``)."""
    env = os.environ.get("FRONTWATCH_PG_BINDIR")
    candidates = [Path(env)] if env else []
    found = []
    for d in Path("/usr/lib/postgresql").glob("*/bin"):
        m = re.fullmatch(r"\d+", d.parent.name)
        if m:
            found.append((int(d.parent.name), d))
    candidates += [d for _, d in sorted(found, reverse=True)]
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for d in candidates:
        if (d / "initdb").is_file() and (d / "pg_ctl").is_file():
            return d
    raise PostgresUnavailable(
        "the PostgreSQL server binaries (initdb, pg_ctl) are not installed: looked in "
        "/usr/lib/postgresql/*/bin and on PATH; install Debian's package with "
        "'apt-get install postgresql' (scripts/test does), or set FRONTWATCH_PG_BINDIR"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, on 127.0.0.1 and a free port."""

    def __init__(self, fast: bool = True, settings: dict[str, str] | None = None) -> None:
        self.fast = fast
        self.settings = {**(FAST_SETTINGS if fast else {}), **(settings or {})}
        self.bindir: Path | None = None
        self.base: Path | None = None
        self.port = 0
        self._run_as: list[str] = []
        self._started = False

    # -- set-up ----------------------------------------------------------------

    @property
    def data(self) -> Path:
        assert self.base is not None
        return self.base / "data"

    @property
    def log(self) -> Path:
        assert self.base is not None
        return self.base / "server.log"

    def _cmd(self, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [*self._run_as, *(str(a) for a in args)]
        try:
            return subprocess.run(
                cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"cannot run {' '.join(cmd)}: {exc}") from None

    def _prepare_user(self) -> None:
        """As root: run the server as the ``postgres`` system user (initdb refuses root)."""
        if os.geteuid() != 0:
            return
        runuser = shutil.which("runuser")
        if runuser is None:
            raise PostgresUnavailable("running as root and 'runuser' is missing (util-linux)")
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable(
                "running as root, and PostgreSQL will not run as root: the 'postgres' system "
                "user is missing (Debian's postgresql package creates it)"
            ) from None
        assert self.base is not None
        os.chown(self.base, pw.pw_uid, pw.pw_gid)
        self._run_as = [runuser, "-u", "postgres", "--"]

    def start(self) -> str:
        """Create the cluster and start the server; the superuser's URL (database postgres)."""
        self.bindir = find_bindir()
        self.base = Path(tempfile.mkdtemp(prefix="frontwatch-pg-"))
        try:
            self._prepare_user()
            done = self._cmd(
                self.bindir / "initdb",
                "-D",
                self.data,
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            )
            if done.returncode != 0:
                raise PostgresUnavailable(
                    f"initdb failed (exit {done.returncode}): {(done.stderr or done.stdout)[-800:]}"
                )
            self._start_server()
        except BaseException:
            self._cleanup()
            raise
        self._started = True
        atexit.register(self.stop)  # also when the caller forgets, or fails before its own stop
        return self.url("postgres")

    def _start_server(self) -> None:
        assert self.bindir is not None
        last = ""
        for _ in range(3):  # a free port can be taken between finding it and binding it
            self.port = free_port()
            opts = [
                "-c listen_addresses=127.0.0.1",
                f"-c port={self.port}",
                f"-c unix_socket_directories={self.data}",
                "-c max_connections=100",
                *(f"-c {k}={v}" for k, v in self.settings.items()),
            ]
            done = self._cmd(
                self.bindir / "pg_ctl",
                "-D",
                self.data,
                "-l",
                self.log,
                "-w",
                "-t",
                "60",
                "-o",
                " ".join(opts),
                "start",
            )
            if done.returncode == 0:
                return
            last = self._log_tail() or done.stderr or done.stdout
            if "could not bind" not in last and "already in use" not in last:
                break
        raise PostgresUnavailable(f"the PostgreSQL server did not start: {last.strip()[-800:]}")

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-800:]
        except OSError:
            return ""

    # -- use -------------------------------------------------------------------

    def url(self, database: str) -> str:
        """The URL of a database of this server, as users write it (``postgresql://``)."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database (name of letters, digits and _); its URL."""
        self._admin(f'CREATE DATABASE "{_checked(name)}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Delete a database, closing its connections first."""
        self._admin(f'DROP DATABASE IF EXISTS "{_checked(name)}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql.encode())

    # -- tear-down -------------------------------------------------------------

    def stop(self) -> None:
        """Stop the server and delete the cluster."""
        if self._started and self.bindir is not None:
            self._cmd(self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
            self._started = False
        self._cleanup()

    def _cleanup(self) -> None:
        if self.base is not None:
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _checked(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_]{1,63}", name):
        raise ValueError(f"{name!r} is not a database name of letters, digits and _")
    return name
