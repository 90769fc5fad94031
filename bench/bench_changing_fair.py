"""The matching pages of a national fair while candidates keep editing their profiles.

A fair under way changes every second: profiles are saved, people register. Each change
moves the matcher index every process keeps (jobfair/indexes.py), and the next ranking
brings it up to date. This bench seeds bench/national.py's fair (50,000 candidates, 3,000
roles at scale 1) into a fresh SQLite database, signs in a candidate and a recruiter through
the Flask test client and times each matching page twice: with nothing changed since the
last view, and right after another candidate saved a changed profile (a new skill). The log-in
page, measured in the same run, is the baseline.

    python bench/bench_changing_fair.py [--scale 1] [--requests 9]
"""

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import sqlalchemy as sa  # noqa: E402
from national import seed_national  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import CandidateProfile, Role, User  # noqa: E402

PASSWORD = "bench pass phrase"
SKILLS = ["forklift", "welding", "food hygiene", "sewing", "Excel", "elderly care"]


def signed_in(app, email: str):
    client = app.test_client()
    answer = client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    assert answer.status_code == 302, f"log-in of {email} failed"
    return client


def change_someone(app, rng: random.Random, ids: list[int]) -> None:
    """Another candidate saves a changed profile (as the profile form does, through the ORM)."""
    with app.app_context():
        profile = db.session.get(CandidateProfile, rng.choice(ids))
        profile.skills = [*(profile.skills or [])[:5], rng.choice(SKILLS)]
        profile.headline = f"{(profile.headline or '')[:60]} {rng.randint(0, 999)}"
        db.session.commit()


def timed(client, url: str, n: int, before=None) -> list[float]:
    times = []
    for _ in range(n):
        if before:
            before()
        start = time.perf_counter()
        answer = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 50,000 candidates")
    parser.add_argument("--requests", type=int, default=9)
    args = parser.parse_args()
    rng = random.Random(23)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/fair.sqlite",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            logins = seed_national(password=PASSWORD, scale=args.scale)
            db.session.commit()
            event = logins["event_id"]
            recruiter = db.session.scalar(
                sa.select(User).where(User.email == logins["recruiters"][0])
            )
            role = db.session.scalar(
                sa.select(Role.id)
                .where(Role.organization_id == recruiter.organization_id, Role.status == "open")
                .order_by(Role.id)
            )
            open_roles = list(
                db.session.scalars(
                    sa.select(Role.id).where(Role.status == "open").order_by(Role.id)
                )
            )
            other_role = open_roles[len(open_roles) // 2]
            ids = list(db.session.scalars(sa.select(CandidateProfile.id)))
        print(
            f"{logins['registrations']:,} registrations, {logins['roles']:,} roles; "
            f"seeded in {time.perf_counter() - started:.0f} s"
        )
        candidate = signed_in(app, logins["candidates"][5])
        recruiting = signed_in(app, logins["recruiters"][0])
        anyone = app.test_client()
        shortlist = f"/employer/roles/{role}/shortlist"
        page = recruiting.get(shortlist).get_data(as_text=True)  # fits the index
        person = re.findall(rf"/employer/roles/{role}/candidates/(\d+)", page)[0]
        pages = {
            "job search (signed in, every role)": (candidate, f"/events/{event}/jobs?page=2"),
            "job search (signed in, 'welder')": (candidate, f"/events/{event}/jobs?q=welder"),
            "role page (candidate)": (candidate, f"/events/{event}/jobs/{other_role}"),
            "shortlist (recruiter)": (recruiting, shortlist),
            "candidate page (recruiter)": (
                recruiting,
                f"/employer/roles/{role}/candidates/{person}",
            ),
        }
        for client, url in pages.values():  # warm-up: templates, caches
            client.get(url)
        baseline = statistics.median(timed(anyone, "/auth/login", args.requests * 3))
        print(f"baseline: the log-in page, median {baseline:.1f} ms\n")
        print(f"{'page':<38}{'unchanged':>11}{'× base':>8}{'after a change':>16}{'× base':>8}")
        for name, (client, url) in pages.items():
            still = statistics.median(timed(client, url, args.requests))
            moved = statistics.median(
                timed(client, url, args.requests, before=lambda: change_someone(app, rng, ids))
            )
            print(
                f"{name:<38}{still:>9.0f} ms{still / baseline:>7.0f}×"
                f"{moved:>14.0f} ms{moved / baseline:>7.0f}×"
            )


if __name__ == "__main__":
    main()
