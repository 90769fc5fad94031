"""After the run: what the server answered with success, counted in the database.

Lost: answered with success and not stored (or stored otherwise: a check-in at another time,
a profile without the saved headline). Duplicated: stored more than once, or a check-in two
syncs both said they recorded.
"""

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa


def _utc(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def count(url: str, fair, event_id: int, folder: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:

        def rows(sql: str, **params):
            return conn.execute(sa.text(sql), {"e": event_id, **params}).all()

        users = dict(
            rows("SELECT email, count(*) FROM users WHERE email LIKE 'load%' GROUP BY email")
        )
        registrations = dict(
            rows(
                "SELECT u.email, count(*) FROM registrations r "
                "JOIN candidate_profiles p ON p.id = r.candidate_id JOIN users u ON u.id = p.user_id "
                "WHERE r.event_id = :e AND u.email LIKE 'load%' GROUP BY u.email"
            )
        )
        applications = {
            (email, role): n
            for email, role, n in rows(
                "SELECT u.email, a.role_id, count(*) FROM applications a "
                "JOIN candidate_profiles p ON p.id = a.candidate_id JOIN users u ON u.id = p.user_id "
                "GROUP BY u.email, a.role_id"
            )
        }
        checked = dict(
            rows(
                "SELECT short_code, checked_in_at FROM registrations "
                "WHERE event_id = :e AND checked_in_at IS NOT NULL"
            )
        )
        codes_twice = rows(
            "SELECT count(*) FROM (SELECT short_code FROM registrations WHERE event_id = :e "
            "GROUP BY short_code HAVING count(*) > 1) AS twice"
        )[0][0]
        jobs = {
            row[0]: row for row in rows("SELECT id, kind, status, attempts, result_path FROM jobs")
        }
        follow_ups = rows(
            "SELECT f.job_id, f.status, count(r.id), count(DISTINCT r.user_id), "
            "count(r.message_id) FROM follow_ups f "
            "LEFT JOIN follow_up_recipients r ON r.follow_up_id = f.id "
            "WHERE f.job_id IS NOT NULL GROUP BY f.id, f.job_id, f.status"
        )
        headlines = dict(
            rows(
                "SELECT u.email, p.headline FROM candidate_profiles p JOIN users u ON u.id = p.user_id "
                "WHERE p.headline LIKE 'Load headline %'"
            )
        )
    engine.dispose()
    files = {p.name for p in (Path(folder) / "job-files").glob("*")}
    kept = [row[4] for row in jobs.values() if row[4]]
    ok = fair.succeeded
    sent = fair.sent_at
    wrong_time = sum(
        1
        for code in fair.acknowledged
        if code in checked and _utc(checked[code]) != _utc(sent[code])
    )
    return {
        "sign-ups answered with success": len(ok["signup"]),
        "  lost (sign-ups)": len(ok["signup"] - users.keys()),
        "  duplicated (sign-ups)": sum(1 for n in users.values() if n > 1),
        "registrations answered with success": len(ok["registration"]),
        "  lost (registrations)": len(ok["registration"] - registrations.keys()),
        "  duplicated (registrations)": sum(1 for n in registrations.values() if n > 1),
        "applications answered with success": len(ok["application"]),
        "  lost (applications)": len(ok["application"] - applications.keys()),
        "  duplicated (applications)": sum(1 for n in applications.values() if n > 1),
        "profile edits answered with success": len(fair.profile_edits),
        "  lost (last saved headline not stored)": sum(
            1 for email, text in fair.profile_edits.items() if headlines.get(email) != text
        ),
        "check-ins scanned at the doors (distinct tickets)": len(sent),
        "check-ins a sync acknowledged": len(fair.acknowledged),
        "  lost (acknowledged, not checked in)": len(fair.acknowledged - checked.keys()),
        "  stored at another time than the door's": wrong_time,
        "  duplicated (two syncs both 'recorded')": sum(1 for n in fair.recorded.values() if n > 1),
        "  tickets sharing a short code": codes_twice,
        "  stored without an answer (sync cut off)": len(
            (checked.keys() & sent.keys()) - fair.acknowledged
        ),
        "jobs started with an answer (badges, statistics)": len(fair.jobs),
        "  lost (no row for a started job)": sum(1 for i in fair.jobs if i not in jobs),
        "  still queued or running when the wait ended": sum(
            1 for row in jobs.values() if row[2] in ("queued", "running")
        ),
        "  failed": sum(1 for row in jobs.values() if row[2] == "failed"),
        "  duplicated (more rows than start requests)": max(
            0, len(jobs) - len(fair.jobs) - fair.jobs_unanswered
        ),
        "  done without its file": sum(
            1
            for row in jobs.values()
            if row[2] == "done"
            and row[1] not in WITHOUT_FILE
            and Path(row[4] or "-").name not in files
        ),
        "follow-ups sent (recipients)": sum(row[2] for row in follow_ups),
        "  follow-ups not marked sent after their job": sum(
            1
            for job_id, status, *_counts in follow_ups
            if status != "sent" and job_id in jobs and jobs[job_id][2] == "done"
        ),
        "  follow-up recipients written twice": sum(row[2] - row[3] for row in follow_ups),
        "  follow-up recipients without their message": sum(row[2] - row[4] for row in follow_ups),
        "  jobs run again after their worker died (attempts > 1)": sum(
            1 for row in jobs.values() if row[3] > 1
        ),
        "  files left by killed attempts (not any job's)": len(
            files - {Path(k).name for k in kept}
        ),
    }


# Jobs that leave messages, not a file.
WITHOUT_FILE = ("follow_up_send", "survey_send")


def problems(counts: dict[str, int]) -> int:
    """Lost or duplicated anything: the run failed."""
    return sum(
        n
        for label, n in counts.items()
        if label.startswith("  ") and not any(words in label for words in INFORMATION)
    )


# Counted to explain, not failures: a sync whose answer a killed server never sent, a job
# that ran again after its worker died (the queue doing its work), a killed attempt's file,
# a job the queue had not finished when the test stopped waiting (printed with its progress).
INFORMATION = ("without an answer", "run again", "left by killed", "when the wait ended")
