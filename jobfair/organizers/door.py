"""The offline door app's server side: the check-in list a device keeps, and syncing the
check-ins it recorded while offline.

The list holds the minimum a door needs: a SHA-256 of each ticket token (the QR code
carries the token; the device hashes what it scans), the short code, the names and the
time of an earlier check-in. Sync is idempotent: the same ticket checked in on several
devices, or sent twice, ends as one check-in with the earliest time.
"""

import hashlib
import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from .. import tickets
from ..extensions import db
from ..models import CandidateProfile, Event, Registration, User
from ..models.base import utcnow

MAX_SYNC = 2000  # check-ins in one sync request
CODE = re.compile(r"^[A-Z0-9]{8}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def list_expires_at(event: Event) -> datetime:
    """Devices drop the list at the end of the event's last day (local midnight)."""
    end = datetime.combine(event.ends_on + timedelta(days=1), time(0), ZoneInfo(event.timezone))
    return end.astimezone(UTC)


def checkin_list(event: Event) -> dict:
    rows = db.session.execute(
        sa.select(
            Registration.ticket_token,
            Registration.short_code,
            Registration.checked_in_at,
            CandidateProfile.full_name,
            CandidateProfile.name_khmer,
        )
        .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event.id)
    )
    tickets = [
        {
            "h": token_hash(token),
            "c": code,
            "n": name,
            "k": khmer or "",
            "t": at.isoformat() if at else None,
        }
        for token, code, at, name, khmer in rows
    ]
    return {
        "event": event.id,
        "name": event.name,
        "expires_at": list_expires_at(event).isoformat(),
        "downloaded_at": utcnow().isoformat(),
        "tickets": tickets,
    }


class SyncError(ValueError):
    """The request is not a list of check-ins."""


def parse_checkins(payload, now: datetime) -> dict[str, datetime]:
    """{short code: earliest time} from [{"code": ..., "at": ISO time}, ...].

    A device clock ahead of the server's is held to now; an entry without a readable
    time or code makes the whole request invalid (nothing is recorded).
    """
    entries = payload.get("checkins") if isinstance(payload, dict) else None
    if not isinstance(entries, list) or len(entries) > MAX_SYNC:
        raise SyncError(f"checkins must be a list of at most {MAX_SYNC} entries")
    earliest: dict[str, datetime] = {}
    for entry in entries:
        try:
            code = str(entry["code"]).strip().upper()
            at = datetime.fromisoformat(str(entry["at"]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError("each check-in needs a code and a time") from exc
        if not CODE.match(code) or at.tzinfo is None:
            raise SyncError("each check-in needs a code and a time with a time zone")
        at = min(at.astimezone(UTC), now)
        if code not in earliest or at < earliest[code]:
            earliest[code] = at
    return earliest


def sync(event: Event, staff: User, earliest: dict[str, datetime]) -> list[dict]:
    """Record the check-ins; each result says what happened (the caller commits).

    "recorded": the time was set (a first check-in, or earlier than the one stored);
    "already": checked in at that time or before; "unknown": no such ticket here;
    "refused": the time is outside the event's days (`tickets.event_window`), nothing changes.
    """
    first, last = tickets.event_window(event)
    refused = [code for code, at in earliest.items() if not first <= at < last]
    earliest = {code: at for code, at in earliest.items() if code not in refused}
    found = dict(
        db.session.execute(
            sa.select(Registration.short_code, Registration.id).where(
                Registration.event_id == event.id, Registration.short_code.in_(list(earliest))
            )
        ).all()
    )
    results = [
        {"code": code, "result": "refused", "reason": "the time is outside the event's days"}
        for code in refused
    ]
    results += [{"code": code, "result": "unknown"} for code in earliest if code not in found]
    # Rows are locked in id order whatever order the device sent: two doors syncing the
    # same tickets at once then wait for each other instead of deadlocking (PostgreSQL
    # aborts one of two transactions that lock the same rows in opposite orders).
    for code in sorted(found, key=found.get):
        at = earliest[code]
        # Conditional: concurrent syncs keep the earliest time, and a row counts once.
        result = db.session.execute(
            sa.update(Registration)
            .where(
                Registration.id == found[code],
                sa.or_(Registration.checked_in_at.is_(None), Registration.checked_in_at > at),
            )
            .values(checked_in_at=at, checked_in_by_id=staff.id)
            .execution_options(synchronize_session=False)
        )
        results.append({"code": code, "result": "recorded" if result.rowcount else "already"})
    if results:
        times = dict(
            db.session.execute(
                sa.select(Registration.short_code, Registration.checked_in_at).where(
                    Registration.event_id == event.id, Registration.short_code.in_(list(found))
                )
            ).all()
        )
        for result in results:
            if result["code"] in times:
                result["checked_in_at"] = times[result["code"]].isoformat()
    return results
