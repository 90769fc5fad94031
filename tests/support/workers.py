"""Real `flask jobs-worker` processes, for the tests that kill one in the middle of a job."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def worker_env(app, queue_url: str, **extra: str) -> dict:
    """The environment of a worker on `queue_url` sharing the test app's database and job
    files, with a 2 s lease and every progress report written."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        FLASK_SECRET_KEY="worker-test-key",
        FLASK_JOBS_QUEUE=queue_url,
        FLASK_JOB_FILES_FOLDER=app.config["JOB_FILES_FOLDER"],
        FLASK_JOBS_LEASE_SECONDS="2",
        FLASK_JOBS_PROGRESS_SECONDS="0",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


@contextmanager
def workers(app_path: str, env: dict, log_path: Path, *options: str):
    """Yields `spawn()`, which starts one worker of the Flask app `app_path` (its output in
    `log_path`); every worker still running at the end is killed."""
    started = []
    with open(log_path, "ab") as log:

        def spawn() -> subprocess.Popen:
            process = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", app_path, "jobs-worker", *options],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            started.append(process)
            return process

        try:
            yield spawn
        finally:
            for process in started:
                if process.poll() is None:
                    process.kill()
                process.wait(timeout=10)


def wait_for(check, timeout: float = 60.0):
    """`check()`'s first true answer, asked every 0.1 s; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("timed out")
