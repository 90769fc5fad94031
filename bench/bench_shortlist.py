"""How fast the employer shortlist page renders with the demo fair (1,000 candidates).

Builds the demo data in a temporary SQLite database, logs in as the demo recruiter and
times the shortlist page of one of their roles through the Flask test client, next to
the plain role page as a baseline measured in the same run. Target: median < 200 ms.

    .venv/bin/python bench/bench_shortlist.py [--requests 30]
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
from jobfair.models import Role, User  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--candidates", type=int, default=1000)
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
            recruiter = db.session.scalar(sa.select(User).where(User.email == logins["recruiter"]))
            role = db.session.scalar(
                sa.select(Role)
                .where(Role.organization_id == recruiter.organization_id)
                .order_by(Role.id)
            )
            role_id, title = role.id, role.title
            db.session.remove()

        client = app.test_client()
        login = client.post(
            "/auth/login",
            data={"identifier": logins["recruiter"], "password": logins["password"]},
        )
        assert login.status_code == 302, "log-in failed"
        print(
            f"role {role_id} {title!r}; ranking by jobfair.ranking; {args.requests} requests each"
        )
        pages = {
            "role page (baseline)": f"/employer/roles/{role_id}",
            "shortlist, page 1": f"/employer/roles/{role_id}/shortlist",
            "shortlist, page 3": f"/employer/roles/{role_id}/shortlist?page=3",
            "shortlist, 2 filters": f"/employer/roles/{role_id}/shortlist?section=qualified&education=y",
            "shortlist, 4 filters": f"/employer/roles/{role_id}/shortlist?section=everyone"
            "&checked_in=y&location=y&program=y&education=y",
            "shortlist, by date": f"/employer/roles/{role_id}/shortlist?section=everyone&sort=date",
        }
        results = {name: summary(timed(client, url, args.requests)) for name, url in pages.items()}
        baseline = results["role page (baseline)"][0]
        print(f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'× baseline':>12}")
        for name, (median, p95) in results.items():
            print(f"{name:<24}{median:>10.1f}{p95:>9.1f}{median / baseline:>12.1f}")
        median = results["shortlist, page 1"][0]
        print(f"target median < 200 ms: {'met' if median < 200 else 'NOT met'} ({median:.1f} ms)")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
