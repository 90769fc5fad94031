"""Interview scorecards and team notes: criteria, one scorecard per interviewer that only its
author edits, the team's board, mentions that reach only colleagues, nothing for the
candidate or another company."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from jobfair.candidates import data_rights
from jobfair.employers import errors, scorecards, team_notes
from jobfair.extensions import db
from jobfair.models import (
    Application,
    ApplicationNote,
    ApplicationStatus,
    Message,
    Scorecard,
    ScorecardCriterion,
    ScorecardRating,
    UserRole,
)
from jobfair.models.rules import InvalidValue


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Workflows called directly speak the reader's language, as they do within a page."""
    with app.test_request_context():
        yield


@pytest.fixture
def team(fair, create_user):
    """The company's second interviewer, reading Japanese, and an invited candidate."""
    fair.colleague = create_user(
        UserRole.EMPLOYER, organization=fair.company, display_name="Tanaka Yui", locale="ja"
    )
    fair.application = Application(
        role=fair.role,
        candidate=fair.candidate.profile,
        status=ApplicationStatus.INVITED,
        applied_by_candidate=False,
    )
    db.session.add(fair.application)
    db.session.commit()
    return fair


def rate(application, user, scores, comment="", notes=None):
    notes = notes or {}
    return scorecards.save_scorecard(
        application,
        user,
        {slug: (score, notes.get(slug, "")) for slug, score in scores.items()},
        comment,
    )


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- criteria ---------------------------------------------------------------------------


def test_a_role_starts_with_the_default_criteria_in_the_readers_language(team):
    found = scorecards.criteria(team.role)
    assert [c.key for c in found] == ["japanese", "technical", "attitude", "availability"]
    assert count(ScorecardCriterion) == 0  # nothing stored until someone rates or edits
    with force_locale("ja"):
        assert found[0].display_label == "日本語での会話"


def test_criteria_are_added_renamed_removed_and_reordered(team):
    scorecards.set_criteria(team.role, ["Welding test", "Attitude", "日本語での会話"])
    db.session.commit()
    found = scorecards.criteria(team.role)
    assert [c.display_label for c in found] == ["Welding test", "Attitude", "Japanese conversation"]
    # Typed in Japanese or English, a default stays one: it reads in every language.
    assert [c.key for c in found] == [None, "attitude", "japanese"]


def test_a_rated_criterion_is_archived_not_rewritten(team):
    rate(team.application, team.recruiter, {"japanese": 2, "technical": 4})
    db.session.commit()
    scorecards.set_criteria(team.role, ["Japanese conversation", "Welding (TIG)"])
    db.session.commit()
    technical = db.session.scalar(
        sa.select(ScorecardCriterion).where(ScorecardCriterion.key == "technical")
    )
    assert technical.archived_at is not None  # rated: kept for the scorecard that used it
    # Attitude and availability had no rating: gone.
    assert {c.key for c in db.session.scalars(sa.select(ScorecardCriterion))} == {
        "japanese", "technical", None,
    }  # fmt: skip
    rows = {row.label: row for row in scorecards.board(team.application).rows}
    assert rows["Technical skill"].archived and rows["Technical skill"].average == 4
    assert rows["Welding (TIG)"].average is None and not rows["Welding (TIG)"].archived


@pytest.mark.parametrize(
    "labels, message",
    [
        ([], "at least one"),
        ([f"Criterion {i}" for i in range(9)], "At most 8 criteria"),
        (["x" * 61], "At most 60 characters"),
        (["Attitude", "attitude"], "once"),
        (["Attitude", "態度"], "once"),  # the same default in two languages
    ],
)
def test_criteria_are_checked_on_the_server(team, labels, message):
    with pytest.raises(errors.RecruitingError, match=message):
        scorecards.set_criteria(team.role, labels)


def test_the_criteria_page_saves_and_refuses(client, auth, team):
    auth.login(team.recruiter.email)
    url = f"/employer/roles/{team.role.id}/criteria"
    assert "Japanese conversation" in client.get(url).get_data(as_text=True)
    refused = client.post(url, data={"criteria": "\n".join(f"C{i}" for i in range(9))})
    assert refused.status_code == 400 and "At most 8 criteria" in refused.get_data(as_text=True)
    assert count(ScorecardCriterion) == 0
    assert client.post(url, data={"criteria": "Welding\r\nAttitude\r\n"}).status_code == 302
    assert [c.display_label for c in scorecards.criteria(team.role)] == ["Welding", "Attitude"]


# --- scorecards ----------------------------------------------------------------------------


def test_the_database_keeps_ratings_from_1_to_4_and_one_scorecard_each(team):
    card = rate(team.application, team.recruiter, {"japanese": 3})
    db.session.commit()
    criterion_id = card.ratings[0].criterion_id
    for score in (0, 5):
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(
                sa.update(ScorecardRating).values(score=score).where(
                    ScorecardRating.id == card.ratings[0].id
                )
            )  # fmt: skip
        db.session.rollback()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.insert(Scorecard).values(
                application_id=team.application.id, interviewer_id=team.recruiter.id, comment=""
            )
        )
    db.session.rollback()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.insert(ScorecardRating).values(
                scorecard_id=card.id, criterion_id=criterion_id, score=2
            )
        )
    db.session.rollback()
    with pytest.raises(InvalidValue):
        ScorecardRating(score=5)


def test_two_interviewers_side_by_side_with_averages(team):
    rate(team.application, team.recruiter, {"japanese": 2, "technical": 4}, "Strong welder.")
    rate(team.application, team.colleague, {"japanese": 3, "technical": 3, "attitude": 4})
    db.session.commit()
    board = scorecards.board(team.application)
    assert [c.interviewer.display_name for c in board.scorecards][1] == "Tanaka Yui"
    rows = {row.criterion.key: row for row in board.rows}
    assert [r.score for r in rows["japanese"].ratings] == [2, 3]
    assert rows["japanese"].average == 2.5 and rows["attitude"].average == 4
    assert rows["availability"].average is None
    assert board.overall == round((2 + 4 + 3 + 3 + 4) / 5, 2)
    summary = scorecards.summary(team.application)
    assert summary.count == 2 and summary.overall == board.overall
    assert summary.as_dict()["Japanese conversation"] == 2.5


def test_summaries_of_several_applications_at_once(team, seed_candidates):
    other = Application(role=team.role, candidate=seed_candidates(team.event, n=1)[0].profile)
    db.session.add(other)
    rate(team.application, team.recruiter, {"japanese": 4})
    db.session.commit()
    found = scorecards.summaries([team.application, other])
    assert found[team.application.id].overall == 4 and found[other.id].count == 0
    assert found[other.id].overall is None


def test_a_comment_needs_a_rating(team):
    with pytest.raises(errors.RecruitingError, match="rating"):
        rate(team.application, team.recruiter, {"japanese": None}, notes={"japanese": "Hm."})


def test_only_the_author_edits_a_scorecard(client, auth, team):
    rate(team.application, team.recruiter, {"japanese": 2}, "Mine.")
    db.session.commit()
    auth.login(team.colleague.email)
    url = f"/employer/applications/{team.application.id}/scorecard"
    page = client.get(url).get_data(as_text=True)
    assert "Mine." not in page  # the colleague's form starts empty: their own card
    response = client.post(url, data={"score_japanese": "4", "comment": "Theirs."})
    assert response.status_code == 302
    db.session.expire_all()
    cards = {c.interviewer_id: c for c in db.session.scalars(sa.select(Scorecard))}
    assert cards[team.recruiter.id].comment == "Mine."
    assert cards[team.recruiter.id].ratings[0].score == 2
    assert cards[team.colleague.id].comment == "Theirs."
    # Saving again edits the same card.
    client.post(url, data={"score_japanese": "3", "note_japanese": "Better.", "comment": ""})
    db.session.expire_all()
    assert count(Scorecard) == 2
    assert [(r.score, r.comment) for r in cards[team.colleague.id].ratings] == [(3, "Better.")]


def test_a_scorecard_saved_twice_at_once_asks_to_save_again(client, auth, team, monkeypatch):
    """The second of two simultaneous first saves meets the unique constraints: no 500."""
    auth.login(team.recruiter.email)
    url = f"/employer/applications/{team.application.id}/scorecard"
    real = scorecards.save_scorecard

    def raced(application, interviewer, ratings, comment):
        real(application, interviewer, {"japanese": (1, "")}, "")  # the other request
        db.session.commit()
        return real(application, interviewer, ratings, comment)

    monkeypatch.setattr(scorecards, "save_scorecard", raced)
    monkeypatch.setattr(scorecards, "scorecard_of", lambda application, interviewer: None)
    response = client.post(url, data={"score_japanese": "4"})
    assert response.status_code == 400
    assert "at the same moment" in response.get_data(as_text=True)
    assert count(Scorecard) == 1


def test_an_out_of_range_score_is_refused_by_the_form(client, auth, team):
    auth.login(team.recruiter.email)
    url = f"/employer/applications/{team.application.id}/scorecard"
    assert client.post(url, data={"score_japanese": "5"}).status_code == 400
    assert count(Scorecard) == 0


def test_the_application_and_candidate_pages_show_the_team_board(client, auth, team):
    rate(team.application, team.recruiter, {"japanese": 2}, notes={"japanese": "Slow answers."})
    rate(team.application, team.colleague, {"japanese": 4}, "Good attitude overall.")
    db.session.commit()
    auth.login(team.recruiter.email)
    candidate_url = f"/employer/roles/{team.role.id}/candidates/{team.candidate.profile.id}"
    for url in (f"/employer/applications/{team.application.id}", candidate_url):
        page = client.get(url).get_data(as_text=True)
        assert "Tanaka Yui" in page and "Slow answers." in page
        assert "Good attitude overall." in page and "3.0" in page
        assert "Edit your scorecard" in page


def test_another_company_gets_404_for_everything(client, auth, team):
    rate(team.application, team.recruiter, {"japanese": 2}, "Secret.")
    db.session.commit()
    auth.login(team.other_recruiter.email)
    urls = [
        f"/employer/applications/{team.application.id}/scorecard",
        f"/employer/roles/{team.role.id}/criteria",
        f"/employer/applications/{team.application.id}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, data={"score_japanese": "1", "criteria": "X"}).status_code in (
            404,
            405,
        )
    note = client.post(
        f"/employer/applications/{team.application.id}/notes", data={"note-body": "Hi"}
    )
    assert note.status_code == 404
    db.session.expire_all()
    assert count(Scorecard) == 1 and count(ApplicationNote) == 0
    assert [c.display_label for c in scorecards.criteria(team.role)][0] == "Japanese conversation"
    with pytest.raises(errors.RecruitingError):
        rate(team.application, team.other_recruiter, {"japanese": 1})


# --- team notes and mentions -------------------------------------------------------------


def test_a_mention_reaches_the_colleagues_inbox_in_their_language(client, auth, team, create_user):
    bystander = create_user(UserRole.EMPLOYER, organization=team.company, display_name="Sato")
    auth.login(team.recruiter.email)
    url = f"/employer/applications/{team.application.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Tanaka Yui" in page and "Sato" in page
    response = client.post(
        url + "/notes",
        data={"note-body": "Please ask about N3.", "note-mention": team.colleague.id},
    )
    assert response.status_code == 302
    messages = list(db.session.scalars(sa.select(Message)))
    assert [(m.user_id, m.kind) for m in messages] == [(team.colleague.id, "note_mention")]
    message = messages[0]
    assert message.locale == "ja" and "メモ" in message.subject + message.body
    assert "Please ask about N3." in message.body and "Chan Dara" in message.subject
    assert f"/employer/applications/{team.application.id}#notes" in message.body
    assert bystander.id not in {m.user_id for m in messages}
    note = db.session.scalar(sa.select(ApplicationNote))
    assert [u.id for u in note.mentioned] == [
        team.colleague.id
    ] and note.author_id == team.recruiter.id
    assert "@Tanaka Yui" in client.get(url).get_data(as_text=True)
    # The colleague finds it in their inbox.
    auth.logout()
    auth.login(team.colleague.email)
    assert "Please ask about N3." in client.get(f"/messages/{message.id}").get_data(as_text=True)


def test_nobody_of_another_company_can_be_mentioned(client, auth, team):
    auth.login(team.recruiter.email)
    response = client.post(
        f"/employer/applications/{team.application.id}/notes",
        data={"note-body": "Ask Angkor?", "note-mention": team.other_recruiter.id},
    )
    assert response.status_code == 400
    assert count(Message) == 0 and count(ApplicationNote) == 0
    with pytest.raises(errors.RecruitingError):
        team_notes.add_note(
            team.application, "x", team.recruiter, mention=[team.other_recruiter.id]
        )
    assert team.other_recruiter not in team_notes.colleagues(team.company.id)


def test_a_mention_keeps_a_blind_review_candidate_anonymous(team):
    team.role.blind_review = True
    team.application.status = ApplicationStatus.SHORTLISTED
    team_notes.add_note(
        team.application, "Looks good.", team.recruiter, mention=[team.colleague.id]
    )
    db.session.commit()
    message = db.session.scalar(sa.select(Message))
    assert "Chan Dara" not in message.subject + message.body
    assert f"C{team.candidate.profile.id:05d}" in message.subject


# --- the candidate never sees any of it ------------------------------------------------------


def test_the_candidate_never_sees_scorecards_or_notes(client, auth, team):
    rate(team.application, team.recruiter, {"japanese": 1}, "SCORECARD-SECRET",
         notes={"japanese": "RATING-SECRET"})  # fmt: skip
    team_notes.add_note(
        team.application, "NOTE-SECRET", team.recruiter, mention=[team.colleague.id]
    )
    db.session.commit()
    auth.login(team.candidate.email)
    pages = [client.get(url) for url in ("/me/", "/me/data.json", "/messages/")]
    for page in pages:
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "SECRET" not in text and "Tanaka Yui" not in text
    export = data_rights.export_data(team.candidate)
    assert "SECRET" not in str(export)
    # What the export says: which company holds how many, never what they say.
    assert export["evaluations_held_by_companies"] == [
        {
            "company": "Sakura Kogyo",
            "role": "Welder (SSW)",
            "interview_scorecards": 1,
            "team_notes": 1,
        }
    ]
    url = f"/employer/applications/{team.application.id}/scorecard"
    assert client.get(url).status_code == 403


def test_erasing_the_candidate_erases_their_scorecards_and_notes(team):
    rate(team.application, team.recruiter, {"japanese": 3})
    team_notes.add_note(team.application, "x", team.recruiter, mention=[team.colleague.id])
    db.session.commit()
    data_rights.erase_candidate(team.candidate)
    db.session.commit()
    assert count(Scorecard) == 0 and count(ScorecardRating) == 0 and count(ApplicationNote) == 0
