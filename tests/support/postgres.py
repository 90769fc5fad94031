"""A throwaway PostgreSQL cluster on loopback, in a temporary directory."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time


def find_bindir() -> str:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return os.path.dirname(candidates[0])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(os.path.realpath(initdb))
    raise RuntimeError(
        "PostgreSQL server binaries (initdb) not found: `make test` installs postgresql."
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TemporaryCluster:
    """Start with `start()`, get `url`, and always `stop()`."""

    def __init__(self, *, durable: bool = False):
        # Tests trade durability for speed; the load test measures a server as deployed.
        self.durable = durable
        self.bindir = find_bindir()
        self.root = tempfile.mkdtemp(prefix="jobfair-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = free_port()
        # initdb refuses to run as root; run the server as the postgres user then.
        self.as_user = []
        if os.geteuid() == 0:
            pwd.getpwnam("postgres")
            shutil.chown(self.root, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

    def start(self) -> "TemporaryCluster":
        self._run(
            f"{self.bindir}/initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
        options += "-c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            f"{self.bindir}/pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "-l",
            os.path.join(self.root, "server.log"),
            "start",
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        return self

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)
