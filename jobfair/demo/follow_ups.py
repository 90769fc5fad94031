"""Follow-ups sent after the demo fair: thanks and next steps to the candidates who came
(en/km/ja), and a note to the exhibitors' recruiters, with who got which language."""

import random
import re
from datetime import timedelta

import sqlalchemy as sa

from ..extensions import db
from ..models import BoothLead, Event, FollowUpStatus, Registration, User
from ..organizers import follow_ups, segments
from ..organizers.segments import Segment

KHMER = re.compile("[\u1780-\u17ff]")

THANKS = {
    "en": {
        "subject": "Thank you for coming to the fair – your next steps",
        "body": "Thank you for visiting the Japan–Cambodia Job Fair.\n\n"
        "1. Companies you met will contact you here and by phone within two weeks.\n"
        "2. Keep your profile up to date, especially your Japanese level and test dates.\n"
        "3. Free Japanese classes (N5 to N4) start on Monday at the CJCC, 17:30–19:00.\n\n"
        "Good luck!",
    },
    "km": {
        "subject": "សូមអរគុណដែលបានមកពិព័រណ៍ការងារ – ជំហានបន្ទាប់",
        "body": "សូមអរគុណដែលបានមកទស្សនាពិព័រណ៍ការងារជប៉ុន–កម្ពុជា។\n\n"
        "១. ក្រុមហ៊ុនដែលអ្នកបានជួប នឹងទាក់ទងអ្នកនៅទីនេះ និងតាមទូរស័ព្ទ ក្នុងរយៈពេលពីរសប្តាហ៍។\n"
        "២. សូមធ្វើបច្ចុប្បន្នភាពប្រវត្តិរូបរបស់អ្នក ជាពិសេសកម្រិតភាសាជប៉ុន និងកាលបរិច្ឆេទប្រឡង។\n"
        "៣. ថ្នាក់ភាសាជប៉ុនឥតគិតថ្លៃ (N5 ដល់ N4) ចាប់ផ្តើមថ្ងៃច័ន្ទ នៅ CJCC ម៉ោង ១៧:៣០–១៩:០០។\n\n"
        "សូមសំណាងល្អ!",
    },
    "ja": {
        "subject": "ご来場ありがとうございました ― 今後の流れ",
        "body": "日本・カンボジア就職フェアにご来場いただき、ありがとうございました。\n\n"
        "1. ブースで話した企業から、2週間以内にこのメッセージか電話で連絡があります。\n"
        "2. プロフィール（特に日本語のレベルと試験日）を最新にしておいてください。\n"
        "3. 無料の日本語クラス（N5→N4）が月曜日からCJCCで始まります（17:30〜19:00）。\n\n"
        "応援しています！",
    },
}
EXHIBITORS = {
    "en": {
        "subject": "Thank you for exhibiting – please tell us about your hires",
        "body": "Thank you for taking part in the fair. Please record offers and hires in each "
        "role's pipeline by the end of the month: the organizers report placements to the "
        "National Employment Agency.",
    },
    "km": {
        "subject": "សូមអរគុណសម្រាប់ការចូលរួមតាំងពិព័រណ៍ – សូមរាយការណ៍ពីការជ្រើសរើសបុគ្គលិក",
        "body": "សូមអរគុណដែលបានចូលរួមក្នុងពិព័រណ៍។ សូមកត់ត្រាការផ្តល់ការងារ និងការជ្រើសរើសនៅក្នុង"
        "ដំណើរការនៃតួនាទីនីមួយៗ មុនចុងខែនេះ៖ អ្នករៀបចំនឹងរាយការណ៍ចំនួនអ្នកទទួលបានការងារទៅ"
        "ទីភ្នាក់ងារជាតិមុខរបរ និងការងារ។",
    },
    "ja": {
        "subject": "ご出展ありがとうございました ― 内定・採用のご報告のお願い",
        "body": "フェアへのご出展、誠にありがとうございました。月末までに、各求人のパイプラインで"
        "内定と採用をご記録ください。主催者が国家雇用庁へ就職実績を報告いたします。",
    },
}


def _check_in_who_was_met(event: Event, rng: random.Random) -> None:
    """Candidates a booth scanned were at the fair: their tickets show the check-in."""
    rows = db.session.execute(
        sa.select(Registration, sa.func.min(BoothLead.met_at))
        .join(
            BoothLead,
            sa.and_(
                BoothLead.candidate_id == Registration.candidate_id,
                BoothLead.event_id == Registration.event_id,
            ),
        )
        .where(Registration.event_id == event.id)
        .group_by(Registration.id)
        .order_by(Registration.id)
    ).all()
    for registration, first_met in rows:
        if registration.checked_in_at is None:
            registration.checked_in_at = first_met - timedelta(minutes=rng.randint(5, 40))


def _khmer_readers(segment: Segment, keep: str) -> None:
    """Candidates who wrote their profile in Khmer read the platform in Khmer."""
    for user in segments.people(segment):
        if user.locale is None and user.email != keep and KHMER.search(user.profile.headline or ""):
            user.locale = "km"


def send_demo_follow_ups(event: Event, organizer: User, demo_login: str, seed: int) -> None:
    rng = random.Random(f"{seed}-follow-ups")
    _check_in_who_was_met(event, rng)
    db.session.flush()
    came = Segment(event.id, attendance="checked_in")
    _khmer_readers(came, demo_login)
    for segment, texts in ((came, THANKS), (Segment(event.id, audience="employers"), EXHIBITORS)):
        follow_up = follow_ups.write_follow_up(event, segment, texts, author=organizer)
        follow_up.status = FollowUpStatus.SENDING
        follow_up.sent_by = organizer
        db.session.flush()
        follow_ups.deliver(follow_up)
    db.session.flush()
