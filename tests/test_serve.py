"""`make run`'s scripts/serve: gunicorn, the message sender and a job worker, all or none."""

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FAKE = """#!/bin/sh
# Stands in for {name}: notes how it was started and its pid, then waits to be stopped.
echo "{name} $* $$" >> "{log}"
trap 'echo "{name} stopped $$" >> "{log}"; exit 0' TERM INT
while true; do sleep 0.1; done
"""


def test_serve_starts_the_job_worker_beside_gunicorn_and_stops_all_when_one_ends(tmp_path):
    log = tmp_path / "started.log"
    for name in ("flask", "gunicorn"):
        path = tmp_path / name
        path.write_text(FAKE.format(name=name, log=log))
        path.chmod(0o755)
    serve = subprocess.Popen(
        [str(ROOT / "scripts" / "serve")], cwd=ROOT, env={**os.environ, "BIN": str(tmp_path)}
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            lines = log.read_text().splitlines() if log.exists() else []
            if len(lines) >= 3:
                break
            time.sleep(0.1)
        commands = sorted(line.rsplit(" ", 1)[0] for line in lines)
        assert commands == [
            "flask --app jobfair jobs-worker",
            "flask --app jobfair send-messages",
            "gunicorn -c gunicorn.conf.py wsgi:app",
        ]
        worker = next(line for line in lines if "jobs-worker" in line).rsplit(" ", 1)[1]
        os.kill(int(worker), signal.SIGKILL)  # the worker dies: the server must not go on alone
        assert serve.wait(timeout=20) == 0
        stopped = [line for line in log.read_text().splitlines() if " stopped " in line]
        assert sorted(line.split()[0] for line in stopped) == ["flask", "gunicorn"]
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
