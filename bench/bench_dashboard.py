"""Dashboard and statistics export with 100,000 registrations.

Builds a temporary database (SQLite by default, or `--postgres-url`) holding the demo
fair plus N synthetic registered candidates, bulk-inserted, then times through the Flask
test client: the organizer dashboard page, the statistics XLSX export and the statistics
CSV export, against a bare `SELECT count(*)` of the registrations measured in the same run.
Target: each under 2 s.

    python bench/bench_dashboard.py [--registrations 100000] [--runs 3] [--postgres-url URL]
"""

import argparse
import random
import statistics as stats
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.demo import seed_demo  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.labels import PROVINCES  # noqa: E402
from jobfair.models import CandidateProfile, Event, Registration, User  # noqa: E402
from matching.levels import EDUCATION_LEVELS  # noqa: E402

SECTORS = [
    "manufacturing",
    "electronics",
    "garments",
    "it",
    "hospitality",
    "care",
    "construction",
    "agriculture",
    "logistics",
]


def bulk_candidates(event_id: int, n: int, chunk: int = 5000) -> None:
    rng = random.Random(5)
    now = datetime.now(UTC)
    first_user = (db.session.scalar(sa.select(sa.func.max(User.id))) or 0) + 1
    first_profile = (db.session.scalar(sa.select(sa.func.max(CandidateProfile.id))) or 0) + 1
    for start in range(0, n, chunk):
        users, profiles, registrations = [], [], []
        for i in range(start, min(n, start + chunk)):
            uid, pid = first_user + i, first_profile + i
            users.append(
                {
                    "id": uid,
                    "email": f"bench{i}@example.com",
                    "role": "candidate",
                    "password_hash": "x",
                    "display_name": f"Bench {i}",
                    "session_version": 1,
                    "created_at": now,
                }
            )
            languages = ["Khmer native"]
            if rng.random() < 0.55:
                languages.append("Japanese " + rng.choice(["N5", "N4", "N3", "N2", "JFT-Basic A2"]))
            if rng.random() < 0.7:
                languages.append("English " + rng.choice(["A1", "A2", "B1", "B2", "C1"]))
            profiles.append(
                {
                    "id": pid,
                    "user_id": uid,
                    "full_name": f"Bench {i}",
                    "name_khmer": "",
                    "gender": rng.choice(["female", "male", None]),
                    "birth_year": rng.randint(1975, 2008),
                    "province": rng.choice(PROVINCES),
                    "headline": "worker",
                    "education_level": rng.choice(EDUCATION_LEVELS[:7]),
                    "education_field": "",
                    "experience": "",
                    "past_jobs": [],
                    "skills": ["welding"],
                    "languages": languages,
                    "wanted_sectors": rng.sample(SECTORS, rng.randint(1, 2)),
                    "wanted_locations": ["Japan"],
                    "programs": [rng.choice(["ssw", "technical_intern", "local"])],
                    "cv_text": "",
                    "share_contact": False,
                    "consent_version": "2026-01",
                    "consent_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            registered = now - timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 1440))
            checked = now - timedelta(hours=rng.randint(0, 16)) if rng.random() < 0.5 else None
            registrations.append(
                {
                    "event_id": event_id,
                    "candidate_id": pid,
                    "ticket_token": f"bench-token-{i:08d}",
                    "short_code": f"B{i:07d}",
                    "source": "online",
                    "registered_at": registered,
                    "checked_in_at": checked,
                }
            )
        db.session.execute(sa.insert(User), users)
        db.session.execute(sa.insert(CandidateProfile), profiles)
        db.session.execute(sa.insert(Registration), registrations)
        db.session.commit()


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.postgres_url or f"sqlite:///{folder}/bench.sqlite"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "ORGANIZER_TWO_FACTOR_REQUIRED": False,
            }
        )
        with app.app_context():
            db.create_all()
            logins = seed_demo(password="bench pass phrase", candidates=100)
            db.session.commit()
            event_id = db.session.scalar(sa.select(Event.id))
            started = time.perf_counter()
            bulk_candidates(event_id, args.registrations)
            total = db.session.scalar(sa.select(sa.func.count()).select_from(Registration))
            print(
                f"{total:,} registrations in the database "
                f"({time.perf_counter() - started:.0f} s to insert)"
            )
            db.session.remove()

            client = app.test_client()
            client.post(
                "/auth/login",
                data={"identifier": logins["organizer"], "password": "bench pass phrase"},
            )

            def baseline():
                db.session.scalar(
                    sa.select(sa.func.count())
                    .select_from(Registration)
                    .where(Registration.event_id == event_id)
                )
                db.session.remove()

            def page(path):
                def fetch():
                    assert client.get(path).status_code == 200, path

                return fetch

            results = {
                "SELECT count(*) (baseline)": timed(baseline, args.runs),
                "dashboard page": timed(page(f"/organizer/events/{event_id}"), args.runs),
                "statistics XLSX": timed(
                    page(f"/organizer/events/{event_id}/statistics.xlsx"), args.runs
                ),
                "statistics CSV": timed(
                    page(f"/organizer/events/{event_id}/statistics.csv"), args.runs
                ),
            }
            base = stats.median(results["SELECT count(*) (baseline)"])
            print(f"{'':30} {'median s':>9} {'× baseline':>11}")
            for name, times in results.items():
                median = stats.median(times)
                print(f"{name:30} {median:>9.3f} {median / base:>11.0f}")
            worst = max(stats.median(t) for n, t in results.items() if "baseline" not in n)
            print(f"target < 2 s each: {'met' if worst < 2 else 'NOT met'} (slowest {worst:.2f} s)")


if __name__ == "__main__":
    main()
