"""The offline door app's server side: downloading the check-in list, syncing check-ins.

Builds a temporary database (SQLite by default, or `--postgres-url`) with the demo fair
plus N bulk-inserted registrations, then times through the Flask test client, as an
organizer: the check-in list (list.json) and a sync of P pending check-ins (the same
tickets replayed too: every one "already"). Baselines in the same run: a bare SELECT of
the list's columns, and a sync request with no check-ins.
Targets: list < 1 s for 5,000 registrations; sync of 500 < 5 s.

    python bench/bench_checkin.py [--registrations 5000] [--pending 500] [--runs 5]
"""

import argparse
import statistics as stats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlalchemy as sa  # noqa: E402
from bench_dashboard import bulk_candidates, timed  # noqa: E402
from flask import g, request_started  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.demo import seed_demo  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import CandidateProfile, Event, Registration  # noqa: E402
from jobfair.models.base import utcnow  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--pending", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
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
        # The bench keeps one app context open; each request starts with an empty `g`, as
        # in production (the signed-in user is not carried over from the last request).
        request_started.connect(lambda sender, **extra: g.__dict__.clear(), app, weak=False)
        with app.app_context():
            db.create_all()
            logins = seed_demo(password="bench pass phrase", candidates=20)
            db.session.commit()
            event_id = db.session.scalar(sa.select(Event.id))
            bulk_candidates(event_id, args.registrations - 20)
            total = db.session.scalar(sa.select(sa.func.count()).select_from(Registration))
            codes = db.session.scalars(
                sa.select(Registration.short_code)
                .where(Registration.event_id == event_id)
                .order_by(Registration.id)
                .limit(args.pending)
            ).all()
            db.session.remove()
            print(f"{total:,} registrations; syncing {len(codes)} check-ins")

            client = app.test_client()
            client.post(
                "/auth/login",
                data={"identifier": logins["organizer"], "password": "bench pass phrase"},
            )
            door = f"/organizer/door/events/{event_id}"
            size = len(client.get(door + "/list.json").data)

            def baseline_select():
                db.session.execute(
                    sa.select(
                        Registration.ticket_token,
                        Registration.short_code,
                        Registration.checked_in_at,
                        CandidateProfile.full_name,
                        CandidateProfile.name_khmer,
                    )
                    .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
                    .where(Registration.event_id == event_id)
                ).all()
                db.session.remove()

            def download():
                assert client.get(door + "/list.json").status_code == 200

            body = {"checkins": [{"code": c, "at": utcnow().isoformat()} for c in codes]}

            def reset():
                db.session.execute(
                    sa.update(Registration)
                    .where(Registration.short_code.in_(codes))
                    .values(checked_in_at=None, checked_in_by_id=None)
                )
                db.session.commit()
                db.session.remove()

            def sync():
                answer = client.post(door + "/sync", json=body).get_json()
                assert len(answer["results"]) == len(codes)

            def empty_sync():
                assert client.post(door + "/sync", json={"checkins": []}).status_code == 200

            fresh = []
            for _ in range(args.runs):
                reset()
                fresh += timed(sync, 1)
            results = {
                "SELECT of the list's columns (baseline)": timed(baseline_select, args.runs),
                f"list.json ({size / 1024:.0f} KB)": timed(download, args.runs),
                "sync, no check-ins (baseline)": timed(empty_sync, args.runs),
                f"sync of {len(codes)} new check-ins": fresh,
                f"sync of the same {len(codes)} again": timed(sync, args.runs),
            }
            recorded = db.session.scalar(
                sa.select(sa.func.count())
                .where(Registration.short_code.in_(codes))
                .where(Registration.checked_in_at.is_not(None))
            )
            print(f"{'':40} {'median s':>9} {'max s':>8}")
            for name, times in results.items():
                print(f"{name:40} {stats.median(times):>9.3f} {max(times):>8.3f}")
            listed = stats.median(results[f"list.json ({size / 1024:.0f} KB)"])
            synced = stats.median(fresh)
            print(f"checked in once each afterwards: {recorded} of {len(codes)}")
            print(
                f"targets: list < 1 s {'met' if listed < 1 else 'NOT met'} ({listed:.3f} s); "
                f"sync < 5 s {'met' if synced < 5 else 'NOT met'} ({synced:.3f} s)"
            )


if __name__ == "__main__":
    main()
