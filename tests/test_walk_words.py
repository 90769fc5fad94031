"""The walk: every page a candidate, a recruiter and an organizer open on the demo fair, in
Khmer and in Japanese, shows no Latin-script word that is not a name, a code or a listed term.

What people wrote themselves (names, companies, the fair's venue, role titles and
descriptions, profiles, notes) is theirs and stays as written; everything else on the page
is the platform's, and must be in the reader's language. The listed terms live in
tests/support/latin_words.py (shared with the downloads' walk) and are counted here.
"""

import re
from collections import defaultdict
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from jobfair import localize
from jobfair.extensions import db
from jobfair.models import (
    Application,
    ApplicationNote,
    BoothLead,
    CandidateProfile,
    Event,
    Exhibitor,
    FollowUp,
    Interview,
    InterviewSlot,
    Message,
    Offer,
    Organization,
    Registration,
    Role,
    SavedView,
    Scorecard,
    ScorecardCriterion,
    ScorecardRating,
    StaffInvitation,
    StatusChange,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    User,
)
from jobfair.models.base import utcnow
from tests.support import latin_words

PASSWORD = "demo pass phrase"
LOCALES = ("km", "ja")
# Not pages (files, JSON, the API: the downloads' walk reads those), or pages that end the
# session or need a one-time token.
SKIPPED = re.compile(
    r"^/(static|api|language|favicon|healthz|skills\.json)|/logout|\.(json|ics|png|csv|xlsx|js|"
    r"webmanifest)$|/cv(/download)?$|/file$|<token>|<any|/qr\.png"
)
READABLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
# Free text people write; a name or an address stays as written.
WRITTEN_BY_PEOPLE = {
    Organization: ("name", "description", "website"),
    User: ("display_name", "email"),
    CandidateProfile: (
        "full_name", "name_khmer", "headline", "education_field", "experience", "past_jobs",
        "skills", "cv_original_name", "cv_text",
    ),
    Event: ("name", "venue", "city", "description"),
    Exhibitor: ("booth_code",),
    Role: ("title", "description", "required_skills", "preferred_skills"),
    ApplicationNote: ("body",),
    StatusChange: ("reason",),
    BoothLead: ("note", "tags"),
    StaffInvitation: ("label",),
    Offer: ("note",),
    Scorecard: ("comment",),
    ScorecardRating: ("comment",),
    ScorecardCriterion: ("label",),
    SavedView: ("name",),
    FollowUp: ("texts",),
    # An organizer's survey in the languages they wrote, and what people answered.
    Survey: ("title", "intro"),
    SurveyQuestion: ("texts", "options"),
    SurveyAnswer: ("text",),
}  # fmt: skip
# What of it the vocabulary shows in the reader's language ("溶接" reads "welding").
TERMS = {
    CandidateProfile: ("headline", "skills"),
    Role: ("title", "required_skills", "preferred_skills"),
}
ADDRESS = re.compile(r"\S+@\S+|https?://\S+")
# Days written in shapes Japanese readers do not use ("5 1月 2027", "火 5 1月", "6 12月 19:22").
BROKEN_JAPANESE_DAY = re.compile(r"\d+ \d+月|[月火水木金土日] \d+ \d+月")


class _Text(HTMLParser):
    """The words a reader sees: text outside scripts and styles, and readable attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hiding = [], []  # the open tags whose content is not read

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        # An element marked as English (the language switcher's "English") is meant so.
        # A company's name cut to fit a booth on the floor map is as written, in pieces.
        company_on_map = tag == "text" and values.get("class") == "name"
        if tag in ("script", "style", "template") or values.get("lang") == "en" or company_on_map:
            self._hiding.append(tag)
        elif self._hiding and tag == self._hiding[0]:
            self._hiding.append(tag)
        for name in READABLE_ATTRIBUTES:
            if values.get(name):
                self.parts.append(values[name])

    def handle_endtag(self, tag):
        if self._hiding and tag == self._hiding[-1]:
            self._hiding.pop()

    def handle_data(self, data):
        if not self._hiding:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def _strings(value):
    if isinstance(value, str):
        yield from (line.strip() for line in value.splitlines())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def written_by_people(which=WRITTEN_BY_PEOPLE) -> set[str]:
    """Everything people typed (or only its titles and skills: `which=TERMS`)."""
    found = set()
    for model, columns in which.items():
        for row in db.session.scalars(sa.select(model)):
            for column in columns:
                found.update(s for s in _strings(getattr(row, column, None)) if s)
    return found


def messages_in_other_languages(locale: str) -> set[str]:
    """The lines of messages written in another language than the page's: a message is written
    once, in its reader's language when it was sent, and a later change of language does not
    rewrite it (tests/employers/test_message_language.py holds every kind to km and ja)."""
    rows = db.session.execute(
        sa.select(Message.subject, Message.body).where(Message.locale != locale)
    ).all()
    lines = (line for row in rows for text in row for line in text.splitlines())
    # Addresses are taken out of the page before its words are read: the text around them stays.
    return {part.strip() for line in lines for part in ADDRESS.split(line) if part.strip()}


def untranslated_terms(terms: set[str], locale: str) -> set[str]:
    """Titles and skills people wrote, as the vocabulary shows them in `locale`, where Latin
    words are left (the vocabulary has no Khmer or Japanese word for them yet)."""
    shown = {localize.display_term(text, locale) for text in terms}
    return {text for text in shown if latin_words.unexpected_words(text)}


def platform_words(html: str, people) -> list[str]:
    """The Latin words of a page that people did not write and no list allows."""
    return latin_words.unexpected_words(ADDRESS.sub(" ", visible_text(html)), people)


@pytest.fixture
def demo(app):
    from jobfair.demo import seed_demo

    logins = seed_demo(password=PASSWORD, candidates=40)
    db.session.flush()
    recruiter = db.session.scalar(sa.select(User).where(User.email == logins["recruiter"]))
    exhibitor = db.session.scalar(
        sa.select(Exhibitor).where(Exhibitor.organization_id == recruiter.organization_id)
    )
    start = utcnow() + timedelta(days=30)
    slot = InterviewSlot(
        exhibitor=exhibitor, starts_at=start, ends_at=start + timedelta(minutes=20)
    )
    application = db.session.scalar(
        sa.select(Application)
        .join(Role)
        .where(Role.organization_id == recruiter.organization_id)
        .order_by(Application.id)
        .limit(1)
    )
    # An interview booked in it, so the pages that show its time are walked with one.
    application.status = "invited"
    db.session.add(
        Interview(
            application=application,
            candidate_id=application.candidate_id,
            slot=slot,
            starts_at=start,
        )
    )
    db.session.commit()
    return logins


def ids_for(user: User | None) -> dict:
    """Real ids the user (None: anyone) may open, by URL parameter name."""
    event = db.session.scalar(sa.select(Event))
    ids = {"event_id": event.id}
    if user is None:
        ids["role_id"] = db.session.scalar(sa.select(Role.id).where(Role.status == "open"))
        return ids
    message = db.session.scalar(sa.select(Message).where(Message.user_id == user.id).limit(1))
    if message:
        ids["message_id"] = message.id
    if user.organization_id:
        application = db.session.scalar(
            sa.select(Application)
            .join(Role)
            .where(Role.organization_id == user.organization_id)
            .order_by(Application.id)
            .limit(1)
        )
        exhibitor = db.session.scalar(
            sa.select(Exhibitor).where(Exhibitor.organization_id == user.organization_id)
        )
        ids.update(
            role_id=application.role_id,
            application_id=application.id,
            candidate_id=application.candidate_id,
            exhibitor_id=exhibitor.id,
        )
        lead = db.session.scalar(
            sa.select(BoothLead.id).where(BoothLead.organization_id == user.organization_id)
        )
        if lead:
            ids["lead_id"] = lead
    elif user.role == "organizer":
        # The demo's candidates' survey: its questions, whom to send it to, its results.
        ids["survey_id"] = db.session.scalar(sa.select(Survey.id).order_by(Survey.id))
    elif user.profile:
        registration = db.session.scalar(
            sa.select(Registration).where(Registration.candidate_id == user.profile.id)
        )
        ids["registration_id"] = registration.id
        ids["role_id"] = db.session.scalar(sa.select(Role.id).where(Role.status == "open"))
    return ids


def pages_for(app, user: User | None) -> list[str]:
    ids = ids_for(user)
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or SKIPPED.search(rule.rule):
            continue
        if set(rule.arguments) <= set(ids):
            urls.append(re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), rule.rule))
    if user is not None and user.organization_id:
        urls.append(f"/employer/booths/{ids['exhibitor_id']}/schedule?day=")
    return sorted(set(urls))


def walk(app, email: str | None) -> tuple[dict, int, dict]:
    """{word: [(locale, url)]} of every page the user (None: anyone) can open, how many pages
    were read, and the vocabulary's terms with no translation yet, by locale."""
    user = db.session.scalar(sa.select(User).where(User.email == email)) if email else None
    urls, written, terms = pages_for(app, user), written_by_people(), written_by_people(TERMS)
    found, read, untranslated = defaultdict(list), 0, {}
    for locale in LOCALES:
        untranslated[locale] = untranslated_terms(terms, locale)
        earlier = messages_in_other_languages(locale)
        people = written | untranslated[locale] | earlier
        client = app.test_client()
        client.post("/language", data={"locale": locale, "next": "/"})
        if email:
            client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            html = response.get_data(as_text=True)
            assert f'<html lang="{locale}"' in html, url
            read += 1
            for word in platform_words(html, people):
                found[word].append((locale, url))
            if locale == "ja":
                for day in BROKEN_JAPANESE_DAY.findall(visible_text(html)):
                    found[day].append((locale, url))
    return found, read, untranslated


@pytest.mark.parametrize("who", ["anyone", "candidate", "recruiter", "organizer"])
def test_every_page_reads_in_khmer_and_japanese(app, demo, who, capsys):
    found, read, untranslated = walk(app, demo.get(who))
    with capsys.disabled():
        print(
            f"\n{who}: {read} pages read in km and ja; Latin words allowed: "
            f"{len(latin_words.CODES)} codes, {len(latin_words.WRITTEN_IN_LATIN)} written in "
            f"Latin, {len(latin_words.NO_TRANSLATION_YET)} listed with no translation yet; "
            f"people's titles and skills the vocabulary cannot write yet: "
            f"{len(untranslated['km'])} in Khmer, {len(untranslated['ja'])} in Japanese"
        )
        for locale, terms in untranslated.items():
            print(f"  {locale}: " + "; ".join(sorted(terms)[:40]) + ("; …" if terms else ""))
        for word, places in sorted(found.items()):
            print(f"  {word!r}: {len(places)} times, first on {places[0][1]} ({places[0][0]})")
    assert read >= {"anyone": 6, "candidate": 8, "recruiter": 14, "organizer": 10}[who]
    report = {word: places[:3] for word, places in sorted(found.items())}
    assert report == {}, f"{len(report)} words in English on {who} pages"


def test_the_walk_catches_english_left_on_a_page():
    html = (
        '<html lang="ja"><main><h1>求人</h1><p>Japan - Osaka · 大阪府</p>'
        '<input placeholder="Search"><script>var native = 1;</script>'
        "<p>JLPT N4 · Excel · Aichi Metal</p></main></html>"
    )
    assert platform_words(html, ["Aichi Metal"]) == ["Japan", "Osaka", "Search"]
