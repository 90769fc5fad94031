"""Memory and restart cost of the matcher index under gunicorn: per worker vs per server.

    python bench/bench_workers.py [--candidates 100000] [--workers 4]

Builds a SQLite database with one open event of N synthetic candidates (the matching
benchmark's profiles: trades, noisy titles, Khmer and Japanese snippets) and a role, then
runs gunicorn (gunicorn.conf.py, `--workers`) three times on it:

1. the event closed: the server's memory without any index (the floor);
2. `JOBFAIR_SHARED_INDEX=0`: every worker fits its own index, as before (the baseline);
3. the default: the master fits the index once and the workers share it.

Memory is the sum of PSS (proportional set size: a page shared by k processes counts
1/k to each) of the master and its workers, less the floor; "one worker's index" is the
baseline's growth divided by the workers. Then every worker is killed (SIGKILL) and the
first shortlist after the replacement is timed, and 10 new candidates register and the
next shortlist is timed (the incremental update), in both modes.
"""

import argparse
import os
import random
import signal
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from datetime import time as dtime
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sqlalchemy as sa  # noqa: E402
from bench_matching import synthetic_profiles  # noqa: E402

from tests.support.gunicorn import GunicornServer  # noqa: E402

PASSWORD = "bench workers password"


def prepare(url: str, folder: Path, n: int) -> dict:
    from jobfair import create_app
    from jobfair.extensions import db
    from jobfair.models import Event, Organization, Role, User, UserRole
    from jobfair.models.candidates import CandidateProfile, Registration

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
    with app.app_context():
        db.create_all()
        event = Event(
            name="Bench fair", venue="CJCC", city="Phnom Penh",
            starts_on=datetime.now(UTC).date(), ends_on=datetime.now(UTC).date(),
            opens_at=dtime(8, 30), closes_at=dtime(16, 30), registration_open=True,
            published=True,
        )  # fmt: skip
        company = Organization(name="Aichi Metal", country="JP", sector="manufacturing")
        recruiter = User(
            role=UserRole.EMPLOYER, email="hr@bench.example", display_name="HR",
            organization=company,
        )  # fmt: skip
        recruiter.set_password(PASSWORD)
        role = Role(
            event=event, organization=company, title="Welder", sector="manufacturing",
            location="Japan - Aichi", program="ssw", required_skills=["welding", "TIG welding"],
            languages=[{"language": "Japanese", "level": "N4", "must": True}],
            description="Welding car parts.",
        )  # fmt: skip
        db.session.add_all([event, company, recruiter, role])
        db.session.commit()
        info = {"event": event.id, "role": role.id}
        insert_candidates(db, event.id, synthetic_profiles(n), User, CandidateProfile, Registration)
        for engine in db.engines.values():
            engine.dispose()
    return info


def insert_candidates(db, event_id, records, User, CandidateProfile, Registration, start=0):
    now = datetime.now(UTC)
    first_user = (db.session.scalar(sa.select(sa.func.max(User.id))) or 0) + 1
    first_profile = (db.session.scalar(sa.select(sa.func.max(CandidateProfile.id))) or 0) + 1
    for chunk in range(0, len(records), 5000):
        users, profiles, registrations = [], [], []
        for i, record in enumerate(records[chunk : chunk + 5000], start=chunk):
            uid, pid, k = first_user + i, first_profile + i, start + i
            users.append({"id": uid, "email": f"c{k}@bench.example", "role": "candidate",
                          "password_hash": "x", "display_name": f"C {k}",
                          "session_version": 1, "created_at": now})  # fmt: skip
            profiles.append({
                "id": pid, "user_id": uid, "full_name": f"C {k}", "name_khmer": "",
                "province": "Phnom Penh", "headline": record["headline"],
                "education_level": record["education"], "education_field": "",
                "experience": record["experience"], "past_jobs": [],
                "skills": record["skills"], "languages": record["languages"],
                "wanted_sectors": [], "wanted_locations": record["locations"],
                "programs": record["programs"], "cv_text": "", "share_contact": False,
                "consent_version": "2026-01", "consent_at": now, "created_at": now,
                "updated_at": now,
            })  # fmt: skip
            registrations.append({"event_id": event_id, "candidate_id": pid,
                                  "ticket_token": f"bench-{k:08d}", "short_code": f"B{k:07d}",
                                  "source": "online", "registered_at": now})  # fmt: skip
        db.session.execute(sa.insert(User), users)
        db.session.execute(sa.insert(CandidateProfile), profiles)
        db.session.execute(sa.insert(Registration), registrations)
        db.session.commit()


def set_event_open(url: str, event_id: int, is_open: bool) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET registration_open = :o WHERE id = :id"),
            {"o": is_open, "id": event_id},
        )
    engine.dispose()


def register_more(url: str, event_id: int, n: int, start: int) -> None:
    from jobfair import create_app
    from jobfair.extensions import db
    from jobfair.models import User
    from jobfair.models.candidates import CandidateProfile, Registration

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
    with app.app_context():
        records = synthetic_profiles(n, seed=start)
        insert_candidates(db, event_id, records, User, CandidateProfile, Registration, start)
        for engine in db.engines.values():
            engine.dispose()


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def server_pss_mb(server: GunicornServer) -> float:
    pids = [server.process.pid, *server.worker_pids()]
    return sum(pss_kb(pid) for pid in pids) / 1024


def settle(server: GunicornServer, seconds: float = 6, timeout: float = 600) -> float:
    """Wait until the server's memory stops moving (workers done fitting); return it."""
    deadline = time.monotonic() + timeout
    last, stable_since = -1.0, time.monotonic()
    while time.monotonic() < deadline:
        now = server_pss_mb(server)
        if abs(now - last) > max(2.0, 0.01 * now):
            last, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since > seconds:
            return now
        time.sleep(1)
    return last


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        with self.opener.open(self.base + path, timeout=600) as response:  # noqa: S310
            response.read()
            return response.status, time.perf_counter() - started

    def log_in(self) -> None:
        data = urllib.parse.urlencode({"identifier": "hr@bench.example", "password": PASSWORD})
        self.opener.open(self.base + "/auth/login", data=data.encode(), timeout=60).read()  # noqa: S310


def restart_workers(server: GunicornServer, workers: int) -> None:
    for pid in server.worker_pids():
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    old = set()
    while time.monotonic() < deadline:
        pids = set(server.worker_pids())
        if len(pids) == workers and not pids & old:
            return
        old = old or pids
        time.sleep(0.05)


def run(url, folder, info, *, workers, shared, floor=None):
    env = {
        "DATABASE_URL": url,
        "FLASK_SECRET_KEY": "bench-workers",
        "FLASK_WTF_CSRF_ENABLED": "false",
        "FLASK_RATELIMIT_ENABLED": "false",
        "FLASK_UPLOAD_FOLDER": str(folder / "uploads"),
        "WEB_CONCURRENCY": str(workers),
        "JOBFAIR_SHARED_INDEX": "1" if shared else "0",
        "GUNICORN_CMD_ARGS": "--access-logfile /dev/null",
    }
    name = "shared" if shared else "per-worker"
    started = time.perf_counter()
    server = GunicornServer(folder, env, name, workers=workers).start(timeout=900)
    ready = time.perf_counter() - started
    result = {"ready": ready}
    try:
        if floor is None:
            return {"pss": settle(server, seconds=4)}
        browser = Browser(server.url)
        browser.log_in()
        shortlist = f"/employer/roles/{info['role']}/shortlist"
        result["pss"] = settle(server)
        # Touch the index from every worker, as a day of use does, and measure again.
        for _ in range(4 * workers):
            Browser(server.url).get("/healthz")
            status, _t = browser.get(shortlist)
            assert status == 200, status
        result["pss_used"] = server_pss_mb(server)
        restart_workers(server, workers)
        status, result["first_after_restart"] = browser.get(shortlist)
        assert status == 200
        result["second"] = browser.get(shortlist)[1]
        register_more(url, info["event"], 10, start=10_000_000 + 1000 * shared)
        result["after_10_new"] = browser.get(shortlist)[1]
        result["steady"] = sorted(browser.get(shortlist)[1] for _ in range(5))[2]
    finally:
        server.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder}/bench.sqlite"
        started = time.perf_counter()
        info = prepare(url, folder, args.candidates)
        print(f"{args.candidates:,} candidates in {time.perf_counter() - started:.0f} s")
        set_event_open(url, info["event"], False)
        floor = run(url, folder, info, workers=args.workers, shared=True)["pss"]
        print(f"floor: {args.workers} workers, no index: {floor:.0f} MB")
        set_event_open(url, info["event"], True)
        results = {}
        for shared in (False, True):
            results[shared] = run(
                url, folder, info, workers=args.workers, shared=shared, floor=floor
            )
        one = (results[False]["pss"] - floor) / args.workers
        print(f"one worker's index (baseline growth / {args.workers}): {one:.0f} MB")
        print(
            "| mode | ready | index memory (after use) | × one index | first shortlist after "
            "all workers restart | after 10 new candidates | steady |"
        )
        print("|---|---|---|---|---|---|---|")
        for shared, label in ((False, "each worker fits (before)"), (True, "master fits, shared")):
            r = results[shared]
            grown, used = r["pss"] - floor, r["pss_used"] - floor
            print(
                f"| {label} | {r['ready']:.1f} s | {grown:.0f} MB ({used:.0f} MB) | "
                f"{grown / one:.2f}× ({used / one:.2f}×) | {r['first_after_restart'] * 1000:.0f} ms"
                f" | {r['after_10_new'] * 1000:.0f} ms | {r['steady'] * 1000:.0f} ms |"
            )


if __name__ == "__main__":
    random.seed(1)
    main()
