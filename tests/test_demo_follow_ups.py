"""The demo fair's follow-ups: thanks to the candidates who came, in their languages, and a
note to the exhibitors' recruiters, each with the record of who got which language."""

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.messages import notifications
from jobfair.models import BoothLead, FollowUp, FollowUpRecipient, Message, Registration
from jobfair.organizers import follow_ups, segments


def test_the_demo_sent_follow_ups_to_who_came_and_to_the_recruiters(app):
    logins = seed_demo(password="demo-password-1", candidates=120)
    db.session.commit()
    sent = db.session.scalars(sa.select(FollowUp).order_by(FollowUp.id)).all()
    assert [f.segment["audience"] for f in sent] == ["candidates", "employers"]
    assert all(f.status == "sent" and f.languages == ["en", "km", "ja"] for f in sent)
    # Everyone a booth scanned checked in, and the thanks reached exactly the segment.
    met = set(db.session.scalars(sa.select(BoothLead.candidate_id)))
    came = set(
        db.session.scalars(
            sa.select(Registration.candidate_id).where(Registration.checked_in_at.is_not(None))
        )
    )
    assert met and met <= came
    for follow_up in sent:
        rows = db.session.scalars(
            sa.select(FollowUpRecipient).where(FollowUpRecipient.follow_up_id == follow_up.id)
        ).all()
        people = segments.people(follow_ups.segment_of(follow_up))
        assert {row.user_id for row in rows} == {user.id for user in people}
        for row in rows:
            assert row.language == notifications.recipient_locale(row.user) and not row.fallback
            assert row.message.subject == follow_up.text(row.language)["subject"]
    languages = follow_ups.languages_sent(sent[0])
    assert languages.get("km", (0, 0))[0] > 0  # profiles written in Khmer read Khmer
    # The demo candidate keeps the English interface.
    demo = db.session.scalar(
        sa.select(Message).join(Message.user).where(Message.kind == "follow_up")
        .where(Message.user.has(email=logins["candidate"]))
    )  # fmt: skip
    assert demo is None or demo.locale == "en"
