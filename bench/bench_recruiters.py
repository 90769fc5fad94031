"""How fast a recruiter reviews candidates with 5,000 of them at the fair.

Builds the demo fair (5,000 candidates, one in four with a generated CV) in a temporary
SQLite database, logs in as the demo recruiter and times, through the Flask test client
(server time, no network): the candidate page of one candidate with a CV, and searches
over a role's candidates, next to the plain role page as a baseline measured in the same
run. Targets: candidate page median < 100 ms, search median < 200 ms.

    .venv/bin/python bench/bench_recruiters.py [--candidates 5000] [--requests 30]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.demo import seed_demo  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import CandidateProfile, Registration, Role, User  # noqa: E402


def timed(client, url: str, n: int) -> list[float]:
    for _ in range(3):  # warm-up: templates compiled, matcher fitted, caches filled
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return times


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def pick(recruiter_email: str) -> tuple[int, str, int]:
    """The recruiter's first role and a consenting registered candidate with a CV."""
    recruiter = db.session.scalar(sa.select(User).where(User.email == recruiter_email))
    role = db.session.scalar(
        sa.select(Role).where(Role.organization_id == recruiter.organization_id).order_by(Role.id)
    )
    candidate_id = db.session.scalar(
        sa.select(CandidateProfile.id)
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(
            Registration.event_id == role.event_id,
            CandidateProfile.consent_at.is_not(None),
            CandidateProfile.cv_filename.is_not(None),
        )
        .order_by(CandidateProfile.id)
    )
    return role.id, role.title, candidate_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--candidates", type=int, default=5000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "UPLOAD_FOLDER": f"{folder}/uploads",
            }
        )
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            logins = seed_demo(candidates=args.candidates)
            db.session.commit()
            print(
                f"demo data: {args.candidates} candidates in {time.perf_counter() - started:.1f} s"
            )
            role_id, title, candidate_id = pick(logins["recruiter"])
            db.session.remove()

        client = app.test_client()
        login = client.post(
            "/auth/login",
            data={"identifier": logins["recruiter"], "password": logins["password"]},
        )
        assert login.status_code == 302, "log-in failed"
        print(f"role {role_id} {title!r}, candidate {candidate_id}; {args.requests} requests each")
        base = f"/employer/roles/{role_id}"
        pages = {
            "role page (baseline)": base,
            "candidate page": f"{base}/candidates/{candidate_id}",
            "search 'welding'": f"{base}/shortlist?q=welding",
            "search 2 words": f"{base}/shortlist?q=machine+operator",
            "search + filters": (
                f"{base}/shortlist?q=japan&province=Kandal&education_min=upper_secondary"
            ),
            "search + must-haves": f"{base}/shortlist?q=welding&section=qualified",
            "search by date": f"{base}/shortlist?q=welding&sort=date",
        }
        results = {name: summary(timed(client, url, args.requests)) for name, url in pages.items()}
        baseline = results["role page (baseline)"][0]
        print(f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'× baseline':>12}")
        for name, (median, p95) in results.items():
            print(f"{name:<24}{median:>10.1f}{p95:>9.1f}{median / baseline:>12.1f}")
        page = results["candidate page"][0]
        searches = max(m for name, (m, _) in results.items() if name.startswith("search"))
        print(f"target candidate page < 100 ms: {'met' if page < 100 else 'NOT met'} ({page:.1f})")
        print(
            f"target search < 200 ms: {'met' if searches < 200 else 'NOT met'} "
            f"(slowest median {searches:.1f})"
        )
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
