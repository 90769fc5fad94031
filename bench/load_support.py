"""What the load test is made of: a browser-like client behind a small load balancer, the
timings it records, a reader of HTML forms, the processes it runs and the machine it runs on.
"""

import http.client
import http.cookiejar
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


# ---------------------------------------------------------------- forms


class _FormReader(HTMLParser):
    """Every form of a page with the values a browser would send (checked boxes, selected
    options, text areas), as [(name, value), ...]; submit buttons are left out. Each select's
    non-empty options are kept too, to choose from."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form = [], None
        self.select, self.options, self.textarea = None, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": [],
                "options": {},
            }
            self.forms.append(self.form)
        elif self.form is None or a.get("disabled") is not None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.form["fields"].append(
                (a["name"], a.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "select" and a.get("name"):
            self.select, self.options = (a["name"], "multiple" in a), []
        elif tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select and self.form is not None:
            name, multiple = self.select
            chosen = [v for v, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.form["fields"] += [(name, v) for v in chosen]
            self.form["options"][name] = [v for v, _selected in self.options if v]
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form["fields"].append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None


def forms(page: str) -> list[dict]:
    reader = _FormReader()
    reader.feed(page)
    return reader.forms


def csrf(page: str) -> str:
    """The CSRF token of the page's last form ("" when it has none)."""
    for form in reversed(forms(page)):
        for name, value in form["fields"]:
            if name == "csrf_token":
                return value
    return ""


# ---------------------------------------------------------------- timings


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class Stats:
    """Times, statuses and failures per kind of request; thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.failures = defaultdict(int)
        self.events = []  # (seconds into the run, what happened): kills and restarts

    def add(self, kind: str, ms: float, status: int, reason: str = "") -> None:
        with self.lock:
            self.times[kind].append(ms)
            self.statuses[kind][status] += 1
            if status == 0 or status >= 500:
                self.failures[(kind, status, reason)] += 1

    def errors(self) -> int:
        return sum(self.failures.values())

    def explained(self) -> str:
        lines = [
            f"  {n} × {kind}: " + (f"HTTP {status}" if status else "no answer") + f" ({reason})"
            for (kind, status, reason), n in sorted(self.failures.items())
        ]
        return "\n".join(lines) or "  none"

    def table(self, targets: dict[str, float]) -> str:
        lines = [
            f"{'request':34} {'count':>6} {'median ms':>9} {'p95 ms':>8} {'max ms':>8} "
            f"{'errors':>6}  target p95"
        ]
        everything = []
        for kind in sorted(self.times):
            times = sorted(self.times[kind])
            everything += times
            errors = sum(n for s, n in self.statuses[kind].items() if s == 0 or s >= 500)
            p95 = percentile(times, 95)
            target = targets.get(kind)
            verdict = (
                ""
                if target is None
                else f"< {target:.0f}: " + ("met" if p95 < target else "NOT met")
            )
            lines.append(
                f"{kind:34} {len(times):>6} {statistics.median(times):>9.1f} {p95:>8.1f} "
                f"{times[-1]:>8.0f} {errors:>6}  {verdict}"
            )
        everything.sort()
        if everything:
            lines.append(
                f"{'all requests':34} {len(everything):>6} {statistics.median(everything):>9.1f} "
                f"{percentile(everything, 95):>8.1f} {everything[-1]:>8.0f} {self.errors():>6}"
            )
        return "\n".join(lines)


# ---------------------------------------------------------------- the client


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Balancer:
    """What a load balancer does in front of the app servers: requests go round the servers
    that are up; a server that refuses a connection is taken out until it is put back (after
    a restart), and the refused request, which no server received, goes to the next one."""

    def __init__(self, bases: list[str]):
        self.bases = list(bases)
        self.down: set[str] = set()
        self.lock = threading.Lock()
        self.turn = 0

    def pick(self, avoid: str | None = None) -> str:
        with self.lock:
            self.turn += 1
            up = [b for b in self.bases if b not in self.down and b != avoid] or self.bases
            return up[self.turn % len(up)]

    def take_out(self, base: str) -> None:
        with self.lock:
            self.down.add(base)

    def put_back(self, base: str) -> None:
        with self.lock:
            self.down.discard(base)


class Client:
    """One browser: cookies (the session is a signed cookie, good on every server), timings
    of every request. Each request goes to the server the balancer picks."""

    def __init__(self, balancer: Balancer, stats: Stats):
        self.balancer = balancer
        self.stats = stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(
        self, kind: str, path: str, data=None, json_body=None, headers=None, timeout=60
    ) -> tuple[int, str, str]:
        """(status, body, location); no answer counts as status 0 with its reason."""
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        else:
            body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        base, refused = self.balancer.pick(), None
        while True:
            req = urllib.request.Request(base + path, data=body, headers=headers or {})
            try:
                with self.opener.open(req, timeout=timeout) as response:
                    status, raw, location = response.status, response.read(), ""
                mime = response.headers.get("Content-Type", "")
                text = raw.decode() if mime.startswith(("text/", "application/json")) else ""
                reason = ""
            except urllib.error.HTTPError as error:
                status, location = error.code, error.headers.get("Location", "")
                text = error.read().decode(errors="replace")
                reason = (re.findall(r"<h1>([^<]*)</h1>", text) or [error.reason])[0]
            except (OSError, http.client.HTTPException) as error:
                cause = getattr(error, "reason", None) or error
                if isinstance(cause, ConnectionRefusedError) and refused is None:
                    # Never reached a server: the balancer sends it on (as nginx's
                    # proxy_next_upstream does for connection errors).
                    self.balancer.take_out(base)
                    refused, base = base, self.balancer.pick(avoid=base)
                    continue
                status, text, location = 0, "", ""
                reason = type(cause).__name__
            break
        self.stats.add(kind, (time.perf_counter() - started) * 1000, status, reason)
        if location.startswith("http"):
            location = urllib.parse.urlsplit(location).path
        return status, text, location

    def get(self, kind: str, path: str, **kwargs) -> tuple[int, str, str]:
        status, text, location = self.request(kind, path, **kwargs)
        hops = 0
        while status in (301, 302, 303) and location and hops < 3:
            status, text, location = self.request(kind + " (redirect)", location)
            hops += 1
        return status, text, location


# ---------------------------------------------------------------- processes


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process ended; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"{url} did not answer; see {log}")


class _Session:
    """A process started in its own session (`start_new_session=True`), so a kill reaches
    it and every child it forked."""

    process: subprocess.Popen | None = None

    def kill(self) -> None:
        """SIGKILL the process and every child at once, as when the machine fails."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


class AppServer(_Session):
    """One gunicorn master and its workers (gunicorn.conf.py) on a fixed loopback port, so a
    restart after a kill comes back where the balancer expects it."""

    def __init__(self, port: int, env: dict, folder: str, workers: int):
        self.port, self.folder, self.workers = port, folder, workers
        self.base = f"http://127.0.0.1:{port}"
        self.env = {**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
        self.process = None
        self.log = Path(folder) / f"gunicorn-{port}.log"

    def start(self) -> "AppServer":
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
             "--access-logfile", "/dev/null", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL,
            stderr=open(self.log, "a"),  # noqa: SIM115 - the child keeps it
            start_new_session=True,
        )  # fmt: skip
        wait_for(self.base + "/healthz", self.process, self.log)
        return self


class QueueWorker(_Session):
    """One `flask jobs-worker` (Huey consumer) on the Redis queue, its log in a file: the
    log says whether it is running a job now (Huey's "Executing"/"executed in" lines)."""

    def __init__(self, name: str, env: dict, folder: str):
        self.name, self.env, self.process = name, env, None
        self.log = Path(folder) / f"{name}.log"

    def start(self) -> "QueueWorker":
        self.process = subprocess.Popen(
            [str(BIN / "flask"), "--app", "wsgi", "jobs-worker"],
            cwd=ROOT, env=self.env, stdout=open(self.log, "a"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        return self

    def busy(self) -> bool:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        started = len(re.findall(r"Executing \S*run_job: ", text))
        return started > len(re.findall(r"run_job: \S+ executed in", text))


def flask_env(url: str, folder: str, redis_url: str) -> dict:
    """The environment every app server and queue worker shares: jobs go through Redis
    (database 1; rate limits count in 0), a worker silent for 20 s is taken for dead."""
    queue_url = redis_url.rsplit("/", 1)[0] + "/1"
    return dict(
        os.environ,
        DATABASE_URL=url,
        FLASK_SECRET_KEY="load-test-secret",
        FLASK_UPLOAD_FOLDER=f"{folder}/uploads",
        FLASK_RATELIMIT_STORAGE_URI=redis_url,
        # Every client comes from 127.0.0.1: the per-address limit would count them as one.
        FLASK_AUTH_ADDRESS_RATE_LIMIT="1000000 per minute",
        FLASK_JOBS_QUEUE=queue_url,
        FLASK_JOB_FILES_FOLDER=f"{folder}/job-files",
        FLASK_JOBS_LEASE_SECONDS="20",
        FLASK_JOBS_UNCLAIMED_SECONDS="60",
    )


# ---------------------------------------------------------------- the machine


def machine() -> str:
    """CPU, cores, memory, system and the servers' versions, for the figures' caption."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory = 0

    def version(*command: str) -> str:
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=10).stdout
        except OSError:
            return "?"
        return out.strip().splitlines()[0] if out.strip() else "?"

    from tests.support.postgres import find_bindir

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:,} MB RAM; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; "
        f"{version(find_bindir() + '/postgres', '--version')}; "
        f"{version(shutil.which('redis-server') or 'redis-server', '--version')[:40]}; "
        f"load average now {load}"
    )


def server_errors(folder: str) -> dict[str, int]:
    """The exceptions the app servers logged (the last line of each traceback) and the
    database errors they answered 503 for, counted."""
    from collections import Counter

    found = Counter()
    for log in Path(folder).glob("*.log"):
        lines = log.read_text(errors="replace").splitlines()
        for n, line in enumerate(lines):
            if "database error on " in line:  # errors.py: an OperationalError answered 503
                found["503 " + line.split("database error on ", 1)[1][:160]] += 1
            if line.startswith("Traceback"):
                end = n + 1
                while end < len(lines) and (
                    lines[end].startswith((" ", "\t")) or not lines[end].strip()
                ):
                    end += 1
                where = [x.strip() for x in lines[n:end] if x.strip().startswith("File ")]
                if end < len(lines):
                    place = where[-1].replace(str(ROOT) + "/", "") if where else ""
                    found[f"{lines[end][:160]} ({place})"] += 1
    return dict(found)
