"""The organizer dashboard and the event statistics at 5,000 and 50,000 candidates.

For each size, seeds a national fair (bench/national.py) into a fresh database (SQLite by
default, or a throwaway PostgreSQL with `--postgres`) and times: the organizer's dashboard
page and its live figures through the Flask test client, and the statistics the exports
are built from (`statistics.compute` and `reports.statistics_sheets`, called directly: the
exports themselves run as jobs), against a bare `SELECT count(*)` of the registrations
measured in the same run. Prints medians and × baseline. Target: dashboard <= 1 s at 50,000.

    python bench/bench_dashboard.py [--sizes 5000,50000] [--runs 5] [--postgres]
"""

import argparse
import statistics as stats
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
from jobfair.models import Event, Registration  # noqa: E402
from jobfair.organizers import reports, statistics  # noqa: E402

PASSWORD = "bench pass phrase"


def timed(function, runs: int) -> list[float]:
    function()  # warm-up: templates compiled, statements cached
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def measure(url: str, candidates: int, runs: int) -> dict:
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
        started = time.perf_counter()
        logins = seed_national(password=PASSWORD, scale=candidates / CANDIDATES)
        db.session.commit()
        print(f"\n{candidates:,} candidates seeded in {time.perf_counter() - started:.1f} s")
        event_id = logins["event_id"]
        db.session.remove()

        client = app.test_client()
        login = client.post(
            "/auth/login", data={"identifier": logins["organizer"], "password": PASSWORD}
        )
        assert login.status_code == 302, "log-in failed"

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

        def computed(build):
            def run():
                with app.test_request_context():
                    build(db.session.get(Event, event_id))
                db.session.remove()

            return run

        return {
            "SELECT count(*) (baseline)": timed(baseline, runs),
            "dashboard page": timed(page(f"/organizer/events/{event_id}"), runs),
            "live figures (JSON)": timed(page(f"/organizer/events/{event_id}/live.json"), runs),
            "statistics.compute": timed(computed(statistics.compute), runs),
            "statistics sheets": timed(
                computed(lambda e: reports.statistics_sheets(statistics.compute(e))), runs
            ),
        }


def report(candidates: int, results: dict) -> None:
    base = stats.median(results["SELECT count(*) (baseline)"])
    print(f"{'':30} {'median s':>9} {'max s':>7} {'× baseline':>11}")
    for name, times in results.items():
        median = stats.median(times)
        print(f"{name:30} {median:>9.3f} {max(times):>7.3f} {median / base:>11.0f}")
    dashboard = stats.median(results["dashboard page"])
    verdict = "met" if dashboard <= 1 else "NOT met"
    print(f"target dashboard <= 1 s at {candidates:,}: {verdict} ({dashboard:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,50000", help="candidates, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
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
                    report(candidates, measure(url, candidates, args.runs))
                finally:
                    cluster.stop()
            else:
                report(
                    candidates, measure(f"sqlite:///{folder}/bench.sqlite", candidates, args.runs)
                )


if __name__ == "__main__":
    main()
