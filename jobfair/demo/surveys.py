"""The demo fair's surveys: candidates who checked in answer how the fair went (choices, a
scale, a few words in Khmer, English or Japanese), and a few exhibitors' recruiters answer
theirs; some have not answered yet, so the reminder and the not-answered list have people."""

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from ..extensions import db
from ..models import BoothLead, Event, Registration, SurveyInvitation, User
from ..organizers import segments, surveys
from ..organizers.survey_answers import record

CANDIDATE_TITLE = {
    "en": "How was the Cambodia–Japan Job Fair?",
    "km": "តើពិព័រណ៍ការងារកម្ពុជា–ជប៉ុនយ៉ាងដូចម្តេចដែរ?",
    "ja": "カンボジア・日本就職フェアはいかがでしたか",
}
CANDIDATE_INTRO = {
    "en": "Four short questions. Your answers help us plan the next fair.",
    "km": "សំណួរខ្លីៗចំនួនបួន។ ចម្លើយរបស់អ្នកជួយយើងរៀបចំពិព័រណ៍លើកក្រោយ។",
    "ja": "短い質問が4つあります。回答は次回のフェアの準備に役立てます。",
}
# (kind, question, options): every text in the fair's three languages.
CANDIDATE_QUESTIONS = [
    (
        "choice",
        {"en": "How did you hear about the fair?", "km": "តើអ្នកបានដឹងពីពិព័រណ៍នេះតាមរយៈអ្វី?", "ja": "このフェアを何で知りましたか"},
        [
            {"en": "Facebook", "km": "ហ្វេសប៊ុក", "ja": "Facebook"},
            {"en": "Telegram", "km": "តេឡេក្រាម", "ja": "Telegram"},
            {"en": "Friends or family", "km": "មិត្តភក្តិ ឬគ្រួសារ", "ja": "友人・家族"},
            {"en": "My school or university", "km": "សាលា ឬសាកលវិទ្យាល័យ", "ja": "学校・大学"},
            {"en": "Radio or TV", "km": "វិទ្យុ ឬទូរទស្សន៍", "ja": "ラジオ・テレビ"},
        ],
    ),
    (
        "scale",
        {"en": "How useful was the fair for your job search?", "km": "តើពិព័រណ៍មានប្រយោជន៍ប៉ុណ្ណាសម្រាប់ការស្វែងរកការងាររបស់អ្នក?", "ja": "仕事探しにフェアはどのくらい役に立ちましたか"},
        [],
    ),
    (
        "choice",
        {"en": "Did you talk with a Japanese company?", "km": "តើអ្នកបាននិយាយជាមួយក្រុមហ៊ុនជប៉ុនទេ?", "ja": "日本の企業と話しましたか"},
        [
            {"en": "Yes, with several", "km": "បាទ/ចាស ជាមួយក្រុមហ៊ុនច្រើន", "ja": "はい、複数の企業と"},
            {"en": "Yes, with one", "km": "បាទ/ចាស ជាមួយក្រុមហ៊ុនមួយ", "ja": "はい、1社と"},
            {"en": "No", "km": "ទេ", "ja": "いいえ"},
        ],
    ),
    (
        "text",
        {"en": "What should we do better next time?", "km": "តើយើងគួរធ្វើអ្វីឱ្យប្រសើរជាងនេះនៅលើកក្រោយ?", "ja": "次回、何を改善すればよいですか"},
        [],
    ),
]  # fmt: skip
# What candidates write, as they would write it: mostly Khmer, some English, a little Japanese.
KHMER_WORDS = [
    "សូមបន្ថែមក្រុមហ៊ុនដែលជ្រើសរើសការងារនៅខេត្តសៀមរាប។",
    "ជួរនៅមាត់ទ្វារវែងពេក ខ្ញុំរង់ចាំជិតមួយម៉ោង។",
    "ល្អណាស់! ខ្ញុំបានសម្ភាសន៍ជាមួយក្រុមហ៊ុនជប៉ុនពីរ។",
    "ចង់បានព័ត៌មានបន្ថែមអំពីកម្មវិធីពលករជំនាញជាក់លាក់ (SSW) និងការប្រឡងភាសាជប៉ុន។",
    "សូមមានអ្នកបកប្រែភាសាជប៉ុននៅតូបនីមួយៗ។",
    "កន្លែងអង្គុយសម្រាកតិចពេក ហើយក្តៅខ្លាំង។",
    "អរគុណច្រើន ខ្ញុំទទួលបានការហៅមកសម្ភាសន៍ហើយ។",
]
ENGLISH_WORDS = [
    "More companies hiring for office jobs in Phnom Penh, please.",
    "The map on my phone helped a lot. Maybe open earlier on Saturday?",
    "Please tell us the salary before the interview.",
    "Great event, but the Wi-Fi did not work at the entrance.",
]
JAPANESE_WORDS = [
    "日本語で面接の練習ができるコーナーがあるとうれしいです。",
    "介護の会社がもっと来てほしいです。",
    "とても良かったです。来年も参加したいです。",
]
EMPLOYER_TITLE = {
    "en": "Exhibitors' feedback",
    "km": "មតិយោបល់របស់អ្នកតាំងពិព័រណ៍",
    "ja": "出展企業アンケート",
}
EMPLOYER_QUESTIONS = [
    (
        "scale",
        {"en": "How satisfied are you with the candidates you met?", "km": "តើអ្នកពេញចិត្តនឹងបេក្ខជនដែលអ្នកបានជួបកម្រិតណា?", "ja": "会った求職者にどのくらい満足しましたか"},
        [],
    ),
    (
        "choice",
        {"en": "Will you exhibit again next year?", "km": "តើអ្នកនឹងតាំងពិព័រណ៍ម្តងទៀតនៅឆ្នាំក្រោយទេ?", "ja": "来年も出展しますか"},
        [
            {"en": "Yes", "km": "បាទ/ចាស", "ja": "はい"},
            {"en": "Maybe", "km": "ប្រហែល", "ja": "検討中"},
            {"en": "No", "km": "ទេ", "ja": "いいえ"},
        ],
    ),
    (
        "text",
        {"en": "What would help your company most next time?", "km": "តើអ្វីនឹងជួយក្រុមហ៊ុនរបស់អ្នកបំផុតនៅលើកក្រោយ?", "ja": "次回、御社にとって最も役立つことは何ですか"},
        [],
    ),
]  # fmt: skip
EMPLOYER_WORDS = {
    "JP": [
        "N4以上の候補者を事前に絞り込めると助かります。",
        "面接用の個室がもう一つ欲しいです。通訳の方には大変助けられました。",
        "ブースの位置が入口から遠く、来場者が少なかった。",
    ],
    "KH": [
        "សូមផ្សព្វផ្សាយបន្ថែមនៅតាមខេត្ត ដើម្បីឱ្យបេក្ខជនមកច្រើនជាងនេះ។",
        "A printed list of registered candidates by skill before the fair would help.",
    ],
}


def _check_in_the_fairs_visitors(event: Event, rng: random.Random) -> None:
    """Those met at a booth came in; so did about a third of the others (on the first day)."""
    met = set(
        db.session.scalars(sa.select(BoothLead.candidate_id).where(BoothLead.event_id == event.id))
    )
    opens = datetime.combine(event.starts_on, time(8, 30), ZoneInfo(event.timezone))
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    )
    for registration in registrations:
        if registration.checked_in_at is None and (
            registration.candidate_id in met or rng.random() < 0.3
        ):
            registration.checked_in_at = (
                opens + timedelta(minutes=rng.randint(0, 300))
            ).astimezone(UTC)
    db.session.flush()


def _build(
    event: Event, organizer: User, audience: str, title: dict, intro: dict, questions
) -> object:
    survey = surveys.create_survey(
        event, audience=audience, title=title, intro=intro, actor=organizer
    )
    for kind, texts, options in questions:
        surveys.add_question(survey, kind=kind, texts=texts, options=options)
    db.session.flush()
    return survey


def _candidate_words(rng: random.Random, user: User) -> str:
    languages = " ".join(str(entry) for entry in (user.profile.languages or []))
    if "Japanese" in languages and rng.random() < 0.35:
        return rng.choice(JAPANESE_WORDS)
    return rng.choice(ENGLISH_WORDS if rng.random() < 0.25 else KHMER_WORDS)


def _send(survey, segment: segments.Segment, sent_at: datetime) -> None:
    """Invite the segment as `surveys.send` does, but without writing messages: the demo's
    survey went out the day after the fair, and an outbox of messages dated today for it
    would not hang together."""
    survey.sent_at = sent_at
    survey.segment = segment.to_dict()
    for person in segments.people(segment):
        db.session.add(SurveyInvitation(survey=survey, user_id=person.id, invited_at=sent_at))
    db.session.flush()


def _answer(invitation, answers: dict, when: datetime) -> None:
    record(invitation, answers)
    invitation.answered_at = when


def add_demo_surveys(event: Event, organizer: User, seed: int) -> None:
    """A candidates' survey sent to those who checked in (about two in three answered) and an
    exhibitors' survey with a few answers, sent the day after the fair."""
    rng = random.Random(f"{seed}-surveys")
    _check_in_the_fairs_visitors(event, rng)
    sent_at = datetime.combine(
        event.ends_on + timedelta(days=1), time(10), ZoneInfo(event.timezone)
    )
    sent_at = sent_at.astimezone(UTC)

    candidates = _build(
        event, organizer, "candidates", CANDIDATE_TITLE, CANDIDATE_INTRO, CANDIDATE_QUESTIONS
    )
    _send(candidates, segments.Segment(event_id=event.id, attendance="checked_in"), sent_at)
    heard, useful, japanese, words = candidates.questions
    for invitation in candidates.invitations:
        if rng.random() > 0.65:
            continue  # not answered yet
        answers = {
            heard.id: {"choice": rng.choices(range(5), weights=[6, 3, 4, 2, 1])[0]},
            useful.id: {"scale": rng.choices(range(1, 6), weights=[1, 2, 5, 9, 6])[0]},
            japanese.id: {"choice": rng.choices(range(3), weights=[4, 3, 2])[0]},
        }
        if rng.random() < 0.6:
            answers[words.id] = {"text": _candidate_words(rng, invitation.user)}
        _answer(invitation, answers, sent_at + timedelta(hours=rng.randint(1, 72)))

    employers = _build(event, organizer, "employers", EMPLOYER_TITLE, {}, EMPLOYER_QUESTIONS)
    _send(employers, segments.Segment(event_id=event.id, audience="employers"), sent_at)
    satisfied, again, help_most = employers.questions
    for n, invitation in enumerate(employers.invitations):
        if n % 4:
            continue  # one recruiter in four answered
        country = invitation.user.organization.country if invitation.user.organization else "KH"
        answers = {
            satisfied.id: {"scale": rng.choice([3, 4, 4, 5])},
            again.id: {"choice": rng.choice([0, 0, 1])},
            help_most.id: {"text": rng.choice(EMPLOYER_WORDS.get(country, EMPLOYER_WORDS["KH"]))},
        }
        _answer(invitation, answers, sent_at + timedelta(hours=rng.randint(2, 48)))
    db.session.flush()
