"""Job search and the exhibitor approval list at a national fair's size.

Builds a temporary SQLite database with the demo fair plus N bulk-inserted open roles (and
M approved exhibitors) and times, through the Flask test client, the job search page for
anyone (one page of 25 from SQL), a search with words and a filter, the same for a signed-in
candidate (ordered by fit, which ranks every found role), and the organizer's approval list.
Prints the median time and the page's size in KB.

    python bench/bench_job_search.py [--roles 3000] [--companies 150] [--runs 5]
"""

import argparse
import statistics as stats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from jobfair import create_app  # noqa: E402
from jobfair.demo import seed_demo  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.models import Event, Exhibitor, Organization, Role, search_key_of  # noqa: E402

SECTORS = ["manufacturing", "hospitality", "care", "construction", "it", "garments"]
TITLES = ["Welder", "Cook", "Caregiver", "Electrician", "Web developer", "Sewing operator"]


def build(event_id: int, n_roles: int, n_companies: int) -> int:
    event = db.session.get(Event, event_id)
    companies = []
    for i in range(n_companies):
        company = Organization(name=f"Bench Company {i:03d}", country="KH", sector=SECTORS[i % 6])
        db.session.add(company)
        companies.append(company)
    db.session.flush()
    db.session.add_all(
        Exhibitor(event_id=event.id, organization_id=c.id, status="approved") for c in companies
    )
    rows = [
        {
            "event_id": event.id,
            "organization_id": companies[i % n_companies].id,
            "title": f"{TITLES[i % 6]} {i}",
            "sector": SECTORS[i % 6],
            "location": "Phnom Penh",
            "program": "local",
            "description": "Bench role. " * 20,
            "required_skills": ["welding"] if i % 6 == 0 else ["cooking"],
            "preferred_skills": [],
            "languages": [],
            "status": "open",
        }
        for i in range(n_roles)
    ]
    for row in rows:
        row["search_key"] = search_key_of(Role, row)  # bulk inserts bypass the model layer
    db.session.execute(sa.insert(Role), rows)
    db.session.commit()
    return event.id


def timed(client, url: str, runs: int) -> tuple[float, float]:
    client.get(url)  # warm-up: the first request loads the vocabulary and fits the matcher
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code, response.location)
        size = len(response.data)
    return stats.median(times) * 1000, size / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roles", type=int, default=3000)
    parser.add_argument("--companies", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
                "ORGANIZER_TWO_FACTOR_REQUIRED": False,
            }
        )
        with app.app_context():
            db.create_all()
            logins = seed_demo(password="bench pass phrase", candidates=20)
            db.session.commit()
            event_id = build(logins["event_id"], args.roles, args.companies)
            total = db.session.scalar(sa.select(sa.func.count(Role.id)))
            print(f"{total} roles, {args.companies} more companies, SQLite")
        # Requests run outside the set-up's app context, each in its own (as in production).
        for name, client, url in cases(app, event_id, logins):
            ms, kb = timed(client, url, args.runs)
            print(f"{name:30s} median {ms:7.1f} ms  {kb:7.1f} KB")


def cases(app, event_id: int, logins: dict) -> list[tuple]:
    def signed_in(identifier):
        client = app.test_client()
        login = client.post(
            "/auth/login", data={"identifier": identifier, "password": "bench pass phrase"}
        )
        assert login.status_code == 302
        return client

    anyone = app.test_client()
    return [
        ("job search, anyone", anyone, f"/events/{event_id}/jobs"),
        ("job search, words+filter", anyone,
         f"/events/{event_id}/jobs?q=welder&sector=manufacturing&page=3"),
        ("job search, candidate (fit)", signed_in(logins["candidate"]), f"/events/{event_id}/jobs"),
        ("approval list, filtered", signed_in(logins["organizer"]),
         f"/organizer/events/{event_id}/exhibitors?status=approved&q=bench"),
    ]  # fmt: skip


if __name__ == "__main__":
    main()
