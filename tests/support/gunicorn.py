"""Start the app under gunicorn with the project's gunicorn.conf.py, as `make run` does."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .postgres import free_port

ROOT = Path(__file__).resolve().parents[2]


class GunicornServer:
    """`start()` serves wsgi:app on a random loopback port; `stop()` ends it gracefully."""

    def __init__(self, folder: Path, env: dict, name: str = "server", workers: int = 1):
        self.expected_workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(folder) / f"{name}.log"
        self.env = {
            **os.environ,
            "BIND": f"127.0.0.1:{self.port}",
            # The worker pid in the access log shows which worker answered.
            "GUNICORN_CMD_ARGS": "--access-logformat '%(p)s %(m)s %(U)s %(s)s'",
            **env,
        }
        self.process = None
        self._log_file = None

    def start(self, timeout: float = 300) -> "GunicornServer":
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self._log_file = open(self.log, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5):  # noqa: S310
                    pass
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
                continue
            if len(self.worker_pids()) >= self.expected_workers:
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer; see {self.log}")

    def worker_pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    pids.append(int(entry.name))
        return sorted(pids)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
