"""Interview scorecards and team notes for the demo recruiter's company, from two interviewers.

The demo recruiter (recruiter01, English) gets a Japanese colleague, Tanaka Yui
(recruiter01b, same demo password, reads Japanese). Both rate five candidates their
company interviewed; ratings follow each candidate's Japanese level and a drawn
impression, comments say why, in each interviewer's language; three team notes, two
mentioning the colleague (so each finds a message in their inbox).
"""

import random

import sqlalchemy as sa

from ..employers import scorecards, team_notes
from ..extensions import db
from ..models import Application, CandidateProfile, Role, StatusChange, User, UserRole

HOW_MANY = 5
JAPANESE_SCORE = {None: 1, "N5": 2, "N4": 2, "N3": 3, "N2": 4, "N1": 4}

COMMENTS = {
    "en": {
        "japanese": ("Could not follow simple questions in Japanese.",
                     "Understands slow, simple Japanese; answers in short phrases.",
                     "Answered most questions in Japanese without help.",
                     "Fluent self-introduction; kept up with follow-up questions."),
        "technical": ("Little hands-on experience yet.",
                      "Knows the basics; would need close supervision at first.",
                      "Explained past work clearly; solid basics.",
                      "Strong practical test; reads drawings with ease."),
        "attitude": ("Seemed unsure why they applied.",
                     "Polite but quiet; hard to read the motivation.",
                     "Polite, well prepared, asked good questions.",
                     "Very motivated; asked about the training and life in Japan."),
        "availability": ("Cannot start before next year.",
                         "Must finish a contract first (about six months).",
                         "Can start within three months.",
                         "Available now; documents ready."),
        "overall": ("Not a fit for this role now.",
                    "Possible if the Japanese improves before departure.",
                    "Good candidate; recommend a second interview.",
                    "Strong candidate: recommend an offer."),
    },
    "ja": {
        "japanese": ("簡単な質問にも日本語で答えるのが難しい。",
                     "ゆっくり話せば理解できる。返答は短め。",
                     "ほとんどの質問に日本語で答えられた。",
                     "自己紹介も質疑応答も流暢。"),
        "technical": ("実務経験はまだ少ない。",
                      "基礎はあるが、最初は指導が必要。",
                      "これまでの仕事を具体的に説明できた。",
                      "実技テストの出来が非常に良い。図面も読める。"),
        "attitude": ("受け答えに消極的な印象。",
                     "真面目だが少し緊張していた。",
                     "礼儀正しく、質問にも丁寧に答えていた。",
                     "意欲が高く、研修や日本での生活について積極的に質問していた。"),
        "availability": ("来年以降でないと入社できない。",
                         "現在の契約終了（約半年後）まで待つ必要あり。",
                         "3か月以内に入社可能。",
                         "すぐに入社可能。書類も準備済み。"),
        "overall": ("今回は見送りが妥当。",
                    "出国までに日本語が伸びれば検討可能。",
                    "良い候補者。二次面接を推奨。",
                    "非常に良い。内定を推奨します。"),
    },
}  # fmt: skip
NOTES = (
    # (author: 0 the demo recruiter, 1 the colleague; mentions the other; text)
    (0, True, "Tanaka-san, could you check the JLPT certificate at the booth? The date is "
              "missing on the profile."),
    (1, True, "面接ありがとうございました。寮の希望について確認が必要です。"
              "給与条件の説明をお願いできますか。"),
    (0, False, "Walk-up at 14:10; came with a friend who applied for the same role."),
)  # fmt: skip


def add_demo_scorecards(recruiter: User, password_hash: str, seed: int) -> None:
    """Give `recruiter`'s company a second interviewer, scorecards and notes (caller commits)."""
    rng = random.Random(f"{seed}-scorecards")
    colleague = User(
        role=UserRole.EMPLOYER,
        organization=recruiter.organization,
        display_name="Tanaka Yui",
        email=recruiter.email.replace("@", "b@", 1),
        locale="ja",
        password_hash=password_hash,
    )
    db.session.add(colleague)
    db.session.flush()
    interviewed = _interviewed(rng, recruiter, HOW_MANY)
    for application in interviewed:
        impression = rng.choice((1, 2, 2, 3, 3, 3, 4))
        for interviewer, language in ((recruiter, "en"), (colleague, "ja")):
            _rate(rng, application, interviewer, COMMENTS[language], impression)
    team = (recruiter, colleague)
    for application, (author, mentions, text) in zip(interviewed, NOTES):
        other = team[1 - author]
        team_notes.add_note(application, text, team[author], mention=[other.id] if mentions else [])


def _interviewed(rng, recruiter: User, count: int) -> list[Application]:
    """The company's invited or interviewed candidates; others moved on to an interview
    when there are too few (the demo's applications are drawn at random)."""
    roles = list(
        db.session.scalars(
            sa.select(Role)
            .where(Role.organization_id == recruiter.organization_id)
            .order_by(Role.id)
        )
    )
    found = list(
        db.session.scalars(
            sa.select(Application)
            .where(
                Application.role_id.in_([r.id for r in roles]),
                Application.status.in_(("invited", "interviewed")),
            )
            .order_by(Application.id)
        )
    )[:count]
    taken = {(a.role_id, a.candidate_id) for a in found}
    pool = [
        p
        for p in db.session.scalars(sa.select(CandidateProfile).order_by(CandidateProfile.id))
        if p.has_consent and p.registrations
    ]
    for profile in rng.sample(pool, min(len(pool), count * 2)):
        if len(found) >= count or not roles:
            break
        role = roles[len(found) % len(roles)]
        if (role.id, profile.id) in taken:
            continue
        application = Application(
            role=role, candidate=profile, status="interviewed", applied_by_candidate=True
        )
        db.session.add(application)
        for before, after in ((None, "new"), ("new", "shortlisted"), ("shortlisted", "invited"),
                              ("invited", "interviewed")):  # fmt: skip
            db.session.add(
                StatusChange(
                    application=application,
                    from_status=before,
                    to_status=after,
                    actor_id=None if after == "new" else recruiter.id,
                )
            )
        taken.add((role.id, profile.id))
        found.append(application)
    db.session.flush()
    return found


def _rate(rng, application: Application, interviewer: User, words: dict, impression: int):
    level = next(
        (
            r.get("level")
            for r in application.candidate.languages or []
            if r.get("language") == "Japanese"
        ),
        None,
    )
    ratings = {}
    for key in ("japanese", "technical", "attitude", "availability"):
        base = JAPANESE_SCORE.get(level, 2) if key == "japanese" else impression
        score = min(4, max(1, base + rng.choice((-1, 0, 0, 0, 1))))
        # Not every interviewer writes a comment on every criterion.
        comment = words[key][score - 1] if rng.random() < 0.7 else ""
        ratings[key] = (score, comment)
    overall = round(sum(score for score, _ in ratings.values()) / len(ratings))
    scorecards.save_scorecard(application, interviewer, ratings, words["overall"][overall - 1])
