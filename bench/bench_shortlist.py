"""How fast a recruiter's shortlist renders at 5,000 and at 50,000 candidates.

For each size, seeds a national fair (bench/national.py: 150 exhibitors, 3,000 roles and
50,000 candidates at full size, a tenth at 5,000) into a fresh database (SQLite by default,
or PostgreSQL with `--postgres`, a throwaway cluster), logs in as a recruiter and times,
through the Flask test client, the shortlist of their role with no filter, with the
profile filters (one by one and together), with a search and by date, next to the plain
role page as a baseline measured in the same run. Prints medians, p95 and × baseline.
Targets: the filtered shortlist's p95 under 800 ms at 50,000 (issue #23).

    python bench/bench_shortlist.py [--sizes 5000,50000] [--requests 15] [--postgres]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import sqlalchemy as sa  # noqa: E402
from national import CANDIDATES, seed_national  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import Role, User  # noqa: E402

PASSWORD = "bench pass phrase"


def timed(client, url: str, n: int) -> list[float]:
    for _ in range(2):  # warm-up: templates compiled, matcher fitted, caches filled
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


def pages(role_id: int) -> dict[str, str]:
    shortlist = f"/employer/roles/{role_id}/shortlist"
    return {
        "role page (baseline)": f"/employer/roles/{role_id}",
        "shortlist, page 1": shortlist,
        "shortlist, page 3": f"{shortlist}?page=3",
        "filter: location": f"{shortlist}?section=everyone&location=y",
        "filter: programme": f"{shortlist}?section=everyone&program=y",
        "filter: education": f"{shortlist}?section=everyone&education=y",
        "4 filters": f"{shortlist}?section=everyone&checked_in=y&location=y&program=y&education=y",
        "search + province": f"{shortlist}?section=everyone&q=weld&province=Takeo&programme=ssw",
        "by date": f"{shortlist}?section=everyone&sort=date",
    }


def measure(url: str, candidates: int, requests: int) -> dict:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        logins = seed_national(password=PASSWORD, scale=candidates / CANDIDATES)
        db.session.commit()
        print(f"\n{candidates:,} candidates seeded in {time.perf_counter() - started:.1f} s")
        recruiter = db.session.scalar(sa.select(User).where(User.email == logins["recruiters"][0]))
        # A role in Japan with a must-have language: the busiest kind of shortlist.
        role = db.session.scalar(
            sa.select(Role)
            .where(Role.organization_id == recruiter.organization_id, Role.status == "open")
            .order_by(Role.location.like("Japan%").desc(), Role.id)
        )
        role_id, title = role.id, role.title
        db.session.remove()
    client = app.test_client()
    login = client.post(
        "/auth/login", data={"identifier": logins["recruiters"][0], "password": PASSWORD}
    )
    assert login.status_code == 302, "log-in failed"
    print(f"role {role_id} {title!r}; {requests} requests each")
    results = {
        name: summary(timed(client, path, requests)) for name, path in pages(role_id).items()
    }
    with app.app_context():
        db.engine.dispose()
    return results


def report(candidates: int, results: dict) -> None:
    baseline = results["role page (baseline)"][0]
    print(f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'× baseline':>12}")
    for name, (median, p95) in results.items():
        print(f"{name:<24}{median:>10.1f}{p95:>9.1f}{median / baseline:>12.1f}")
    worst = max(p95 for name, (_, p95) in results.items() if "baseline" not in name)
    if candidates >= CANDIDATES:
        verdict = "met" if worst < 800 else "NOT met"
        print(f"target p95 < 800 ms at {candidates:,}: {verdict} (slowest p95 {worst:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--sizes", default="5000,50000", help="candidates, comma-separated")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    args = parser.parse_args()
    for candidates in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            if args.postgres:
                sys.path.insert(0, str(HERE.parent / "tests"))
                from support.postgres import TemporaryCluster

                cluster = TemporaryCluster().start()
                try:
                    url = cluster.create_database("bench")
                    report(candidates, measure(url, candidates, args.requests))
                finally:
                    cluster.stop()
            else:
                url = f"sqlite:///{folder}/bench.sqlite"
                report(candidates, measure(url, candidates, args.requests))


if __name__ == "__main__":
    main()
