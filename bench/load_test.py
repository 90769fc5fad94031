"""Load and fault test: gunicorn with several workers, 50 concurrent clients, loopback only.

Each candidate client signs up, registers for the demo fair and opens its ticket, like a
person on a phone (with a short think time between pages); organizer clients check the
ticket holders in at the door by short code; recruiter clients keep opening a ranked
shortlist. Afterwards the database is counted: every sign-up and registration the server
answered with success must be there exactly once.

    python bench/load_test.py [--db sqlite|postgres] [--signups 5000] [--clients 50]
                              [--workers 4] [--think 0.3] [--kill-worker-at 20]
                              [--max-seconds 1200] [--servers 2 --redis]

`--kill-worker-at N` sends SIGKILL to one gunicorn worker N seconds into the run; requests
it was serving fail (counted as errors, each with its reason), and the check that every
success is stored still applies. `--servers 2` runs two app servers (two gunicorn masters)
on the one database, the clients spread over them; `--redis` starts a throwaway
redis-server and counts the rate limits there (per account as configured; the per-address
limit is raised, since every client here comes from 127.0.0.1). Results are printed as a
table for docs/benchmarks.md.
"""

import argparse
import html
import http.cookiejar
import math
import os
import queue
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyotp  # noqa: E402
import sqlalchemy as sa  # noqa: E402

PASSWORD = "load test passphrase"
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One browser: cookies, CSRF tokens from forms, timings of every request."""

    def __init__(self, base: str, stats: "Stats"):
        self.base = base
        self.stats = stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(self, kind: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, location); network errors count as status 0."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            status, location = error.code, error.headers.get("Location", "")
            text = error.read().decode(errors="replace")
            reason = (re.findall(r"<h1>([^<]*)</h1>", text) or [error.reason])[0]
        except OSError as error:
            status, text, location = 0, "", ""
            reason = type(getattr(error, "reason", None) or error).__name__
        else:
            reason = ""
        self.stats.add(kind, (time.perf_counter() - started) * 1000, status, reason)
        if location.startswith("http"):
            location = urllib.parse.urlsplit(location).path
        return status, text, location

    def get(self, kind: str, path: str) -> tuple[int, str, str]:
        status, text, location = self.request(kind, path)
        hops = 0
        while status in (301, 302, 303) and location and hops < 3:
            status, text, location = self.request(kind + " (redirect)", location)
            hops += 1
        return status, text, location


def forms(page: str) -> list[dict]:
    """The forms of a page: action, hidden fields, and the submit button's name/value."""
    found = []
    for markup in FORM.findall(page):
        head = dict(ATTR.findall(markup[: markup.index(">")]))
        fields = {}
        for tag in re.findall(r"<(?:input|button)\b[^>]*>", markup, re.I):
            attrs = dict(ATTR.findall(tag))
            if attrs.get("type") == "hidden" and "name" in attrs:
                fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
        found.append(
            {"action": html.unescape(head.get("action", "")), "fields": fields, "markup": markup}
        )
    return found


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.failures = defaultdict(int)

    def add(self, kind: str, ms: float, status: int, reason: str = "") -> None:
        with self.lock:
            self.times[kind].append(ms)
            self.statuses[kind][status] += 1
            if status == 0 or status >= 500:
                self.failures[(kind, status, reason)] += 1

    def explained(self) -> str:
        lines = [
            f"  {n} × {kind}: " + (f"HTTP {status}" if status else "no answer") + f" ({reason})"
            for (kind, status, reason), n in sorted(self.failures.items())
        ]
        return "\n".join(lines) or "  none"

    def errors(self) -> int:
        return sum(
            n
            for kind in self.statuses.values()
            for status, n in kind.items()
            if status == 0 or status >= 500
        )

    def table(self) -> str:
        lines = [f"{'request':32} {'count':>6} {'median ms':>9} {'p95 ms':>8} {'errors':>6}"]
        everything = []
        for kind in sorted(self.times):
            times = sorted(self.times[kind])
            everything += times
            errors = sum(n for s, n in self.statuses[kind].items() if s == 0 or s >= 500)
            lines.append(
                f"{kind:32} {len(times):>6} {statistics.median(times):>9.1f} "
                f"{percentile(times, 95):>8.1f} {errors:>6}"
            )
        everything.sort()
        lines.append(
            f"{'all requests':32} {len(everything):>6} {statistics.median(everything):>9.1f} "
            f"{percentile(everything, 95):>8.1f} {self.errors():>6}"
        )
        return "\n".join(lines)


def database_url(kind: str, folder: str):
    if kind == "postgres":
        from tests.support.postgres import TemporaryCluster

        # fsync and synchronous commit on, as on a real server.
        cluster = TemporaryCluster(durable=True).start()
        return cluster.create_database("jobfair_load"), cluster
    return f"sqlite:///{folder}/load.sqlite", None


def prepare(url: str, folder: str) -> dict:
    """Migrate, seed the demo fair, give the organizer a known TOTP secret."""
    from flask_migrate import upgrade

    from jobfair import create_app
    from jobfair.demo import seed_demo
    from jobfair.extensions import db
    from jobfair.models import Event, Role, User, UserRole
    from jobfair.models.base import utcnow

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "load-test",
            "UPLOAD_FOLDER": f"{folder}/uploads",
        }
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        logins = seed_demo(password=PASSWORD, candidates=300)
        organizer = db.session.scalar(sa.select(User).where(User.role == UserRole.ORGANIZER))
        organizer.totp_secret = pyotp.random_base32()
        organizer.totp_enabled_at = utcnow()
        recruiter = db.session.scalar(sa.select(User).where(User.email == logins["recruiter"]))
        role = db.session.scalar(
            sa.select(Role)
            .where(Role.organization_id == recruiter.organization_id)
            .order_by(Role.id)
        )
        event = db.session.scalar(sa.select(Event))
        info = {
            "organizer": organizer.email,
            "totp": organizer.totp_secret,
            "recruiter": recruiter.email,
            "role": role.id,
            "event": event.id,
        }
        db.session.commit()
        for engine in db.engines.values():
            engine.dispose()
    return info


def start_gunicorn(
    url: str, folder: str, port: int, workers: int, redis_url: str | None = None
) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        FLASK_SECRET_KEY="load-test-secret",
        FLASK_UPLOAD_FOLDER=f"{folder}/uploads",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
    )
    if redis_url:
        env["FLASK_RATELIMIT_STORAGE_URI"] = redis_url
        env["FLASK_AUTH_ADDRESS_RATE_LIMIT"] = "1000000 per minute"
    else:
        env["FLASK_RATELIMIT_ENABLED"] = "false"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(f"{folder}/gunicorn-{port}.log", "w"),
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start; see " + f"{folder}/gunicorn-{port}.log")


def log_in(client: Client, email: str, totp: str | None = None) -> bool:
    _status, page, _loc = client.get("log in page", "/auth/login")
    token = forms(page)[-1]["fields"].get("csrf_token", "")
    status, page, location = client.request(
        "log in", "/auth/login", {"identifier": email, "password": PASSWORD, "csrf_token": token}
    )
    if totp and "two-factor" in location:
        _s, page, _l = client.get("two-factor page", location)
        token = forms(page)[-1]["fields"].get("csrf_token", "")
        status, page, location = client.request(
            "two-factor", location, {"code": pyotp.TOTP(totp).now(), "csrf_token": token}
        )
    return status == 302


class Run:
    def __init__(self, args, bases: list[str], info: dict):
        self.args, self.bases, self.info = args, bases, info
        self.next_base = 0
        self.stats = Stats()
        self.signups = queue.Queue()
        for n in range(args.signups):
            self.signups.put(n)
        self.tickets = queue.Queue()
        self.succeeded = {"signup": set(), "registration": set(), "check-in": set()}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        # Set before the servers stop: the door staff leave even with tickets left.
        self.closing = threading.Event()
        self.rng = random.Random(1)
        self.engine = sa.create_engine(
            info["url"].replace("postgresql://", "postgresql+psycopg://", 1)
        )

    @property
    def base(self) -> str:
        """The app servers in turn: each new client talks to the next one."""
        with self.lock:
            self.next_base += 1
            return self.bases[self.next_base % len(self.bases)]

    def think(self) -> None:
        time.sleep(self.args.think * (0.5 + random.random()))

    def candidate(self) -> None:
        while not self.stop.is_set():
            try:
                n = self.signups.get_nowait()
            except queue.Empty:
                return
            client = Client(self.base, self.stats)
            email = f"load{n:05d}@example.com"
            _s, page, _l = client.get("sign-up page", "/auth/signup")
            token = forms(page)[-1]["fields"].get("csrf_token", "")
            self.think()
            status, _page, location = client.request(
                "sign-up",
                "/auth/signup",
                {
                    "display_name": f"Load Candidate {n}",
                    "email": email,
                    "password": PASSWORD,
                    "confirm": PASSWORD,
                    "csrf_token": token,
                },
            )
            if status != 302:
                continue
            self.think()
            location = self.finish_signup(client, email)
            if location != "/me/":
                continue
            with self.lock:
                self.succeeded["signup"].add(email)
            self.think()
            self.register(client, email, location)

    def finish_signup(self, client: Client, email: str) -> str | None:
        """Open the link sign-up sent (read from the outbox, as from the person's mail) and
        press its button; where it leads (the dashboard), or None."""
        with self.engine.connect() as conn:
            body = conn.execute(
                sa.text(
                    "SELECT m.body FROM messages m JOIN users u ON u.id = m.user_id "
                    "WHERE u.email = :email AND m.kind = 'signup_finish' ORDER BY m.id DESC"
                ),
                {"email": email},
            ).scalar()
        found = re.search(r"https?://[^/\s]+(/auth/signup/finish/\S+)", body or "")
        if not found:
            return None
        _s, page, _l = client.get("finish sign-up page", found.group(1))
        token = forms(page)[-1]["fields"].get("csrf_token", "") if forms(page) else ""
        status, _page, location = client.request(
            "finish sign-up", found.group(1), {"csrf_token": token}
        )
        return location if status == 302 else None

    def register(self, client: Client, email: str, home: str) -> None:
        """Register for the fair with consent, then open the ticket."""
        path = f"/me/events/{self.info['event']}/register"
        _s, page, _l = client.get("registration page", path)
        token = forms(page)[-1]["fields"].get("csrf_token", "") if forms(page) else ""
        self.think()
        status, _page, location = client.request(
            "register for the fair", path, {"consent": "y", "csrf_token": token}
        )
        if status != 302 or "/me/tickets/" not in location:
            return
        with self.lock:
            self.succeeded["registration"].add(email)
        self.think()
        _s, page, _l = client.get("ticket", location)
        code = re.search(r'class="short-code">([A-Z0-9]{4})-([A-Z0-9]{4})<', page)
        if code:
            self.tickets.put((email, code.group(1) + code.group(2)))

    def organizer(self) -> None:
        client = Client(self.base, self.stats)
        if not log_in(client, self.info["organizer"], self.info["totp"]):
            return
        path = f"/organizer/events/{self.info['event']}/check-in"
        _s, page, _l = client.get("check-in page", path)
        token = forms(page)[-1]["fields"].get("csrf_token", "") if forms(page) else ""
        while not (self.stop.is_set() and self.tickets.empty()) and not self.closing.is_set():
            try:
                email, code = self.tickets.get(timeout=0.5)
            except queue.Empty:
                continue
            status, page, _loc = client.request(
                "check-in: find ticket", path, {"code": code, "csrf_token": token}
            )
            found = re.search(
                r'name="registration_id" type="hidden" value="(\d+)"', page
            ) or re.search(
                r'id="registration_id" name="registration_id" type="hidden" value="(\d+)"', page
            )
            if status != 200 or not found:
                continue
            status, _page, _loc = client.request(
                "check-in: confirm",
                path + "/confirm",
                {"registration_id": found.group(1), "csrf_token": token},
            )
            if status == 302:
                with self.lock:
                    self.succeeded["check-in"].add(email)

    def recruiter(self) -> None:
        client = Client(self.base, self.stats)
        if not log_in(client, self.info["recruiter"]):
            return
        while not self.stop.is_set():
            client.get("shortlist", f"/employer/roles/{self.info['role']}/shortlist")
            time.sleep(self.args.think * 3)


def kill_one_worker(server: subprocess.Popen) -> int | None:
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    pids = [int(p) for p in children.stdout.split()]
    if pids:
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]
    return None


def count_in_database(url: str, succeeded: dict) -> dict:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        users = dict(
            conn.execute(
                sa.text("SELECT email, count(*) FROM users WHERE email LIKE 'load%' GROUP BY email")
            ).all()
        )
        registrations = dict(
            conn.execute(
                sa.text(
                    "SELECT u.email, count(*) FROM registrations r "
                    "JOIN candidate_profiles p ON p.id = r.candidate_id JOIN users u ON u.id = p.user_id "
                    "WHERE u.email LIKE 'load%' GROUP BY u.email"
                )
            ).all()
        )
        checked_in = {
            row[0]
            for row in conn.execute(
                sa.text(
                    "SELECT u.email FROM registrations r "
                    "JOIN candidate_profiles p ON p.id = r.candidate_id JOIN users u ON u.id = p.user_id "
                    "WHERE u.email LIKE 'load%' AND r.checked_in_at IS NOT NULL"
                )
            )
        }
    engine.dispose()
    return {
        "sign-ups answered with success": len(succeeded["signup"]),
        "  lost (answered, not stored)": len(succeeded["signup"] - users.keys()),
        "  duplicated (sign-ups)": sum(1 for n in users.values() if n > 1),
        "registrations answered with success": len(succeeded["registration"]),
        "  lost (registrations)": len(succeeded["registration"] - registrations.keys()),
        "  duplicated (registrations)": sum(1 for n in registrations.values() if n > 1),
        "check-ins answered with success": len(succeeded["check-in"]),
        "  lost (check-ins)": len(succeeded["check-in"] - checked_in),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--signups", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.3, help="mean seconds between pages")
    parser.add_argument("--kill-worker-at", type=float, default=None)
    parser.add_argument("--max-seconds", type=float, default=1200)
    parser.add_argument("--servers", type=int, default=1, help="app servers on one database")
    parser.add_argument("--redis", action="store_true", help="rate limits counted in Redis")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url, cluster = database_url(args.db, folder)
        redis = None
        servers = []
        try:
            if args.redis:
                from tests.support.redis import TemporaryRedis

                redis = TemporaryRedis().start()
            info = prepare(url, folder)
            ports = [free_port() for _ in range(args.servers)]
            servers = [
                start_gunicorn(url, folder, port, args.workers, redis and redis.url)
                for port in ports
            ]
            server = servers[0]
            run = Run(args, [f"http://127.0.0.1:{port}" for port in ports], {**info, "url": url})
            organizers, recruiters = 3, 2
            candidates = max(1, args.clients - organizers - recruiters)
            threads = [threading.Thread(target=run.candidate) for _ in range(candidates)]
            helpers = [threading.Thread(target=run.organizer) for _ in range(organizers)]
            helpers += [threading.Thread(target=run.recruiter) for _ in range(recruiters)]
            started = time.perf_counter()
            for thread in threads + helpers:
                thread.start()
            killed = None
            while any(t.is_alive() for t in threads):
                elapsed = time.perf_counter() - started
                if (
                    args.kill_worker_at is not None
                    and killed is None
                    and elapsed > args.kill_worker_at
                ):
                    killed = kill_one_worker(server)
                if elapsed > args.max_seconds:
                    run.signups = queue.Queue()  # let the candidates finish what they started
                time.sleep(0.5)
            run.stop.set()
            for thread in helpers:
                thread.join(timeout=60)
            # Door staff still checking people in after a minute fell behind: stop them
            # before the servers, so no request goes to a stopped server.
            run.closing.set()
            for thread in helpers:
                thread.join(timeout=60)
            not_checked = run.tickets.qsize()
            duration = time.perf_counter() - started
            for each in servers:
                each.send_signal(signal.SIGTERM)
            for each in servers:
                each.wait(timeout=60)
            print(
                f"\n{args.db}, {args.servers} app server(s) × gunicorn {args.workers} workers "
                f"× 4 threads"
                + (", limits in Redis" if redis else ", limits off")
                + f", {args.clients} clients "
                f"({candidates} candidates, {organizers} door staff, {recruiters} recruiters), "
                f"think time {args.think} s, {duration:.0f} s"
                + (f", worker {killed} killed at {args.kill_worker_at:.0f} s" if killed else "")
            )
            print(run.stats.table())
            if not_checked:
                print(f"tickets the door staff had not reached when the run ended: {not_checked}")
            print("failed requests (no answer or 5xx), by page and reason:")
            print(run.stats.explained())
            print()
            for label, value in count_in_database(url, run.succeeded).items():
                print(f"{label:40} {value:>6}")
        finally:
            for each in servers:
                if each.poll() is None:
                    each.kill()
            if redis is not None:
                redis.stop()
            if cluster is not None:
                cluster.stop()


if __name__ == "__main__":
    main()
