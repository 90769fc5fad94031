"""A national job fair in the database, fast: 150 exhibitors, 3,000 roles, 50,000 candidates.

The benches and the load test need a fair the size of the National Employment Agency's, in
seconds rather than the many minutes the ORM takes (`seed_demo` builds a thousand objects at
a time and checks each). Rows are drawn from the demo catalogue with the demo's proportions
(education, Japanese and English levels, provinces, a quarter writing in Khmer, 95 % consent),
then written in bulk: COPY on PostgreSQL, executemany on SQLite. The model's validators do not
run, so every value is built the way the validators would store it.

`--scale` multiplies every count: `small` (0.1: 15 exhibitors, 300 roles, 5,000 candidates),
`national` (1, the default) or any number. The same seed gives the same fair.

    python bench/national.py --database-url postgresql+psycopg://…/jobfair --scale national
    python bench/national.py --database-url sqlite:////tmp/fair.sqlite --create-tables

From Python, inside an app context (the caller commits):

    from bench.national import seed_national
    logins = seed_national(scale=0.1, password="…")
"""

import argparse
import json
import random
import sys
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import national_rows as draw  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from jobfair.extensions import db  # noqa: E402
from jobfair.models import (  # noqa: E402
    Application,
    CandidateProfile,
    Event,
    Exhibitor,
    Organization,
    Registration,
    Role,
    StatusChange,
    User,
    search_key_of,
)
from jobfair.passwords import hash_password  # noqa: E402

SCALES = {"small": 0.1, "national": 1.0}
EXHIBITORS, CANDIDATES = 150, 50_000
DOMAIN = "national.jobfair.example"


def parse_scale(value: str) -> float:
    return SCALES[value] if value in SCALES else float(value)


def seed_national(*, password: str, scale: float = 1.0, seed: int = 2026) -> dict:
    """Add a national fair (one event) and return its log-ins and counts; the caller commits.

    Everyone shares one password (hashed once): the load test logs in as any of them.
    """
    now = datetime.now(UTC)
    password_hash = hash_password(password)
    ids = _next_ids()
    event_id = ids["events"]
    # A second fair in the same database draws other tickets (they are unique).
    rng = random.Random(seed if event_id == 1 else f"{seed}-{event_id}")
    today = date.today()
    _insert(
        Event,
        [
            {
                "id": event_id,
                "name": "National Job Fair",
                "venue": "Koh Pich Convention and Exhibition Center",
                "city": "Phnom Penh",
                "description": "The National Employment Agency's fair: firms from Cambodia "
                "and Japan, jobs at home and abroad.",
                "starts_on": today,
                "ends_on": today + timedelta(days=1),
                "opens_at": time(8, 0),
                "closes_at": time(17, 0),
                "timezone": "Asia/Phnom_Penh",
                "registration_open": True,
                "published": True,
                "erased_registrations": 0,
                "erased_checkins": 0,
                "created_at": now - timedelta(days=60),
            }
        ],
    )
    # A second fair in the same database gets addresses of its own.
    domain = DOMAIN if event_id == 1 else f"fair{event_id}.{DOMAIN}"
    organizer_id = ids["users"]
    organizer = draw.user(
        organizer_id, f"organizer@{domain}", "organizer", "Organizer", password_hash
    )
    _insert(User, [organizer])

    approved = max(1, round(EXHIBITORS * scale))
    companies = draw.companies(random.Random(f"{seed}-companies"), approved + -(-approved // 15))
    organizations, exhibitors, recruiters = [], [], []
    for index, (name, country, sector, description) in enumerate(companies):
        org_id, user_id = ids["organizations"] + index, organizer_id + 1 + index
        organizations.append(
            {
                "id": org_id,
                "name": name,
                "country": country,
                "sector": sector,
                "description": description,
                "website": "",
                "created_at": now - timedelta(days=rng.randint(30, 90)),
            }
        )
        status = "approved" if index < approved else rng.choice(("pending", "pending", "invited"))
        exhibitors.append(
            {
                "id": ids["exhibitors"] + index,
                "event_id": event_id,
                "organization_id": org_id,
                "status": status,
                "booth_code": f"{'ABCDEF'[index % 6]}{index + 1:03d}" if index < approved else None,
                "created_at": now - timedelta(days=rng.randint(10, 50)),
            }
        )
        user = draw.user(
            user_id, f"recruiter{index + 1:03d}@{domain}", "employer", name, password_hash
        )
        recruiters.append({**user, "organization_id": org_id})
    _insert(Organization, organizations)
    _insert(Exhibitor, exhibitors)
    _insert(User, recruiters)

    roles = draw.roles(random.Random(f"{seed}-roles"), ids, event_id, companies[:approved])
    for role in roles:
        role["created_by_id"] = organizer_id + 1 + role.pop("company")
        role["search_key"] = search_key_of(Role, role)
    _insert(Role, roles)

    count = max(1, round(CANDIDATES * scale))
    first_user = organizer_id + 1 + len(companies)
    users, profiles = draw.candidates(
        rng, random.Random(f"{seed}-khmer"), count, (first_user, ids["candidate_profiles"]), domain
    )
    for user in users:
        user["password_hash"] = password_hash
    for profile in profiles:
        profile["search_key"] = search_key_of(CandidateProfile, profile)
    _insert(User, users)
    _insert(CandidateProfile, profiles)
    registrations = draw.registrations(rng, event_id, ids["registrations"], profiles, organizer_id)
    _insert(Registration, registrations)
    applications, changes = draw.applications(
        rng, ids["applications"], ids["status_changes"], roles, profiles, registrations
    )
    _insert(Application, applications)
    _insert(StatusChange, changes)
    _advance_sequences()
    return {
        "password": password,
        "event_id": event_id,
        "organizer": organizer["email"],
        "recruiters": [r["email"] for r in recruiters[:approved]],
        "candidates": [u["email"] for u in users],
        "exhibitors": approved,
        "roles": len(roles),
        "registrations": len(registrations),
        "applications": len(applications),
    }


def _next_ids() -> dict:
    """The first free id of each table: rows carry their ids, so nothing is read back."""
    tables = [Event, User, Organization, Exhibitor, Role, CandidateProfile, Registration]
    tables += [Application, StatusChange]
    return {
        model.__tablename__: (db.session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1
        for model in tables
    }


def _insert(model, rows: list[dict], chunk: int = 5000) -> None:
    """COPY on PostgreSQL (in the session's transaction), executemany elsewhere."""
    if not rows:
        return
    table = model.__table__
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        for start in range(0, len(rows), chunk):
            connection.execute(table.insert(), rows[start : start + chunk])
        return
    from psycopg.types.json import Json

    columns = list(rows[0])
    json_columns = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([Json(row[c]) if c in json_columns else row[c] for c in columns])


def _advance_sequences() -> None:
    """Rows came with their ids: PostgreSQL's sequences must move past them."""
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        return
    for table in ("events", "users", "organizations", "exhibitors", "roles"):
        _setval(connection, table)
    for table in ("candidate_profiles", "registrations", "applications", "status_changes"):
        _setval(connection, table)
    db.session.execute(sa.text("ANALYZE"))


def _setval(connection, table: str) -> None:
    connection.execute(
        sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (our names)
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--scale", type=parse_scale, default=1.0, help="small, national or N")
    parser.add_argument("--password", default="national fair")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--create-tables", action="store_true", help="db.create_all() first")
    parser.add_argument("--logins", help="write the log-ins (JSON) to this file")
    args = parser.parse_args()

    from jobfair import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        if args.create_tables:
            db.create_all()
        started = clock.perf_counter()
        logins = seed_national(scale=args.scale, password=args.password, seed=args.seed)
        db.session.commit()
        took = clock.perf_counter() - started
        print(
            f"national fair (scale {args.scale:g}): {logins['exhibitors']} exhibitors, "
            f"{logins['roles']} roles, {len(logins['candidates']):,} candidates, "
            f"{logins['registrations']:,} registrations, {logins['applications']:,} "
            f"applications in {took:.1f} s ({db.engine.dialect.name})"
        )
        if args.logins:
            Path(args.logins).write_text(json.dumps(logins))
        db.engine.dispose()


if __name__ == "__main__":
    main()
