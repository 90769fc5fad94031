"""The fair the load test runs against: built, then set up so the clients can act in it.

bench/national.py builds it: at scale 1 the national fair (150 exhibitors, 3,000 roles,
50,000 candidates), at 0.1 a tenth of it. Then: the fair is today (door check-ins count
only on its days) and open for registration, every candidate and recruiter has the load
test's password, the organizer a known two-factor secret, and no ticket is checked in yet.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyotp
import sqlalchemy as sa

PASSWORD = "load test passphrase"


def build(fair: float) -> str:
    """Fill the empty database with bench/national.py's fair; say what was built."""
    from national import seed_national

    from jobfair.extensions import db

    seed_national(scale=fair, password=PASSWORD)
    db.session.commit()
    return f"bench/national.py at scale {fair:g}"


def prepare(url: str, folder: str, fair: float) -> dict:
    """Migrate, build the fair, set it up; what the clients need to know of it."""
    from flask_migrate import upgrade

    from jobfair import create_app
    from jobfair.extensions import db
    from jobfair.models import Event, Registration, User, UserRole
    from jobfair.models.base import utcnow
    from jobfair.passwords import hash_password

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "load-test",
            "UPLOAD_FOLDER": f"{folder}/uploads",
        }
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        built = build(fair)
        event = db.session.scalar(sa.select(Event).order_by(Event.id))
        today = datetime.now(ZoneInfo(event.timezone)).date()
        event.starts_on, event.ends_on = today, today + timedelta(days=1)
        event.published = event.registration_open = True
        known = hash_password(PASSWORD)
        db.session.execute(
            sa.update(User)
            .where(User.role.in_([UserRole.CANDIDATE, UserRole.EMPLOYER]))
            .values(password_hash=known)
        )
        db.session.execute(
            sa.update(Registration).values(checked_in_at=None, checked_in_by_id=None)
        )
        db.session.commit()
        # One account per door (and one for the organizer starting jobs): a two-factor code
        # counts once, so staff signing in together each need their own.
        staff = {}
        for name in [f"door{n:02d}" for n in range(1, 11)] + ["office"]:
            user = User(
                role=UserRole.ORGANIZER,
                email=f"{name}@loadtest.example",
                display_name=f"Load test {name}",
                password_hash=known,
                totp_secret=pyotp.random_base32(),
                totp_enabled_at=utcnow(),
            )
            db.session.add(user)
            staff[user.email] = user.totp_secret
        db.session.commit()
        info = describe(db.session, event)
        info.update(staff=staff, built=built)
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return info


def describe(session, event) -> dict:
    """Ids and log-ins the clients use; the counts the report prints."""
    rng = random.Random(7)

    def count(sql: str) -> int:
        return session.execute(sa.text(sql), {"e": event.id}).scalar()

    recruiters: dict[str, list[int]] = {}
    for email, role_id in session.execute(
        sa.text(
            "SELECT u.email, r.id FROM users u JOIN roles r ON r.organization_id = u.organization_id "
            "JOIN exhibitors x ON x.organization_id = u.organization_id AND x.event_id = :e "
            "WHERE r.event_id = :e AND x.status = 'approved' AND r.status = 'open' ORDER BY u.id, r.id"
        ),
        {"e": event.id},
    ):
        recruiters.setdefault(email, []).append(role_id)
    registered = session.execute(
        sa.text(
            "SELECT u.email, g.short_code FROM registrations g "
            "JOIN candidate_profiles p ON p.id = g.candidate_id JOIN users u ON u.id = p.user_id "
            "WHERE g.event_id = :e AND p.consent_at IS NOT NULL ORDER BY g.id"
        ),
        {"e": event.id},
    ).all()
    codes = [code for _e, code in registered]
    rng.shuffle(codes)
    emails = [email for email, _c in registered]
    rng.shuffle(emails)
    roles = [r for ids in recruiters.values() for r in ids]
    return {
        "event": event.id,
        "recruiters": recruiters,
        "roles": sorted(set(roles)),
        "candidates": emails,
        "codes": codes,
        "counts": {
            "exhibitors": count("SELECT count(*) FROM exhibitors WHERE event_id = :e"),
            "roles": count("SELECT count(*) FROM roles WHERE event_id = :e"),
            "candidates": count("SELECT count(*) FROM candidate_profiles"),
            "registrations": count("SELECT count(*) FROM registrations WHERE event_id = :e"),
            "applications": count("SELECT count(*) FROM applications"),
        },
    }
