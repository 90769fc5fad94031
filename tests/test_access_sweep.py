"""One sweep over every URL of the app × every kind of user, from one matrix.

A new URL without a line here fails the suite. Each area's own tests check the owner's
side (their objects, other tenants' guessed ids); this sweep checks that the role rules
hold everywhere, with ids that belong to nobody.
"""

import re

import pytest

from jobfair.models import UserRole

from .conftest import PASSWORD

ANON, CANDIDATE, EMPLOYER, ORGANIZER = "anonymous", "candidate", "employer", "organizer"
# Fair-day staff: a door volunteer of one event, booth staff of one company.
DOOR, BOOTH = "door", "booth"
# A sending organisation's person, invited by an employer for one hire at a time.
SENDING = "sending"
KINDS = [ANON, CANDIDATE, EMPLOYER, ORGANIZER, DOOR, BOOTH, SENDING]
LOGIN = "login"  # a redirect to the log-in page

# rule -> expected status per user kind; a set allows several answers.
ANY_PAGE = {200, 302}


def organizers_only(organizer) -> dict:
    """An organizer's page: `organizer` is what an organizer gets (200, or 404 for ids that
    are nobody's); everyone else is sent to log in or refused."""
    return {kind: 403 for kind in KINDS} | {ANON: LOGIN, ORGANIZER: organizer}


MATRIX = {
    "/": {kind: 200 for kind in KINDS},
    "/healthz": {kind: 200 for kind in KINDS},
    "/favicon.ico": {kind: 200 for kind in KINDS},
    "/skills.json": {kind: 200 for kind in KINDS},
    "/language": {kind: 302 for kind in KINDS},
    "/static/<path:filename>": {kind: 200 for kind in KINDS},
    "/events/<int:event_id>": {kind: 404 for kind in KINDS},
    "/events/<int:event_id>/jobs": {kind: 404 for kind in KINDS},
    "/events/<int:event_id>/jobs/<int:role_id>": {kind: 404 for kind in KINDS},
    "/cv/<int:profile_id>": {kind: 404 for kind in KINDS},
    "/auth/login": {
        ANON: 200,
        CANDIDATE: 302,
        EMPLOYER: 302,
        ORGANIZER: 302,
        DOOR: 302,
        BOOTH: 302,
        SENDING: 302,
    },
    "/auth/logout": {kind: 302 for kind in KINDS},
    "/auth/signup": {
        ANON: 200,
        CANDIDATE: ANY_PAGE,
        EMPLOYER: ANY_PAGE,
        ORGANIZER: ANY_PAGE,
        DOOR: ANY_PAGE,
        BOOTH: ANY_PAGE,
        SENDING: ANY_PAGE,
    },
    # The floor map of a published fair is public; nobody's event id is anybody's.
    **{
        rule: {kind: 404 for kind in KINDS}
        for rule in ("/events/<int:event_id>/map", "/events/<int:event_id>/map/image")
    },
    "/auth/signup/employer": {
        ANON: 200,
        CANDIDATE: ANY_PAGE,
        EMPLOYER: ANY_PAGE,
        ORGANIZER: ANY_PAGE,
        DOOR: ANY_PAGE,
        BOOTH: ANY_PAGE,
        SENDING: ANY_PAGE,
    },
    "/auth/signup/employer/join/<token>": {kind: ANY_PAGE for kind in KINDS},
    "/auth/signup/finish/<token>": {kind: 302 for kind in KINDS},
    "/auth/reset/": {kind: 200 for kind in KINDS},
    "/auth/reset/<token>": {kind: 302 for kind in KINDS},
    "/auth/two-factor/verify": {kind: 302 for kind in KINDS},
    "/auth/two-factor/setup": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 200,
        ORGANIZER: 200,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    "/auth/two-factor/disable": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 302,
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    # Answering a survey by one's own link (signed in or not): a link that is nobody's is 404.
    "/survey/<int:survey_id>/<token>": {kind: 404 for kind in KINDS},
    # Staff joining by an organizer's link: a link that is nobody's goes to the log-in page.
    "/auth/staff/join/<token>": {kind: 302 for kind in KINDS},
    # Recovery codes: for those who may have two-factor sign-in; without it, set it up first.
    "/auth/two-factor/recovery-codes": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 302,
        ORGANIZER: 302,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    # The door (check-in, walk-ins, the offline app): organizers at any event, a door
    # volunteer at their own event only (nobody's event is not theirs: 404), nobody else.
    "/door/": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 403,
        ORGANIZER: 200,
        DOOR: 200,
        BOOTH: 403,
        SENDING: 403,
    },
    **{
        rule: {
            ANON: LOGIN,
            CANDIDATE: 403,
            EMPLOYER: 403,
            ORGANIZER: 404,
            DOOR: 404,
            BOOTH: 403,
            SENDING: 403,
        }
        for rule in (
            "/organizer/events/<int:event_id>/check-in",
            "/organizer/events/<int:event_id>/check-in/confirm",
            "/organizer/events/<int:event_id>/walk-in",
            "/organizer/door/events/<int:event_id>",
            "/organizer/door/events/<int:event_id>/list.json",
            "/organizer/door/events/<int:event_id>/sync",
        )
    },
    # Taking a met candidate further is a recruiter's step: booth staff scan, rate and note.
    "/booth/leads/<int:lead_id>/pipeline": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: {302, 404},
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    # Offers (内定): the candidate's own, the company's own; nobody's id is 404 to its owner.
    "/me/offers/<int:offer_id>": {
        ANON: LOGIN,
        CANDIDATE: 404,
        EMPLOYER: 403,
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    "/me/offers/<int:offer_id>/<any(accept, decline):answer>": {
        ANON: LOGIN,
        CANDIDATE: 404,
        EMPLOYER: 403,
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    "/employer/applications/<int:application_id>/offer": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 404,
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    "/employer/offers/<int:offer_id>/withdraw": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 404,
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    "/employer/applications/<int:application_id>/hire": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 404,
        ORGANIZER: 403,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    # Everyone's inbox; nobody's message is anybody's.
    "/messages/": {
        ANON: LOGIN,
        CANDIDATE: 200,
        EMPLOYER: 200,
        ORGANIZER: 200,
        DOOR: 200,
        BOOTH: 200,
        SENDING: 200,
    },
    "/messages/<int:message_id>": {
        ANON: LOGIN,
        CANDIDATE: 404,
        EMPLOYER: 404,
        ORGANIZER: 404,
        DOOR: 404,
        BOOTH: 404,
        SENDING: 404,
    },
    "/messages/read": {
        ANON: LOGIN,
        CANDIDATE: 302,
        EMPLOYER: 302,
        ORGANIZER: 302,
        DOOR: 302,
        BOOTH: 302,
        SENDING: 302,
    },
    # Follow-ups from organizers, on or off: everyone signed in has the setting.
    "/messages/settings": {
        ANON: LOGIN,
        CANDIDATE: 200,
        EMPLOYER: 200,
        ORGANIZER: 200,
        DOOR: 200,
        BOOTH: 200,
        SENDING: 200,
    },
    # The opt-out link works without logging in; a token that is nobody's is 404.
    "/messages/opt-out/<token>": {kind: 404 for kind in KINDS},
    # A job's page, progress and file: its starter's (and organizers' but the file); nobody's
    # job id is anybody's.
    "/jobs/<int:job_id>": {
        ANON: LOGIN,
        CANDIDATE: 404,
        EMPLOYER: 404,
        ORGANIZER: 404,
        DOOR: 404,
        BOOTH: 404,
        SENDING: 404,
    },
    "/jobs/<int:job_id>.json": {
        ANON: LOGIN,
        CANDIDATE: 404,
        EMPLOYER: 404,
        ORGANIZER: 404,
        DOOR: 404,
        BOOTH: 404,
        SENDING: 404,
    },
    "/jobs/<int:job_id>/file": {
        ANON: LOGIN,
        CANDIDATE: 404,
        EMPLOYER: 404,
        ORGANIZER: 404,
        DOOR: 404,
        BOOTH: 404,
        SENDING: 404,
    },
    # The door app's service worker and manifest hold no data: public, like static files.
    "/organizer/door/sw.js": {kind: 200 for kind in KINDS},
    "/organizer/door/events/<int:event_id>/manifest.webmanifest": {kind: 200 for kind in KINDS},
    # The hiring funnel, its report and fairs side by side: organizers only; nobody's event
    # is 404 (the comparison page itself, with ids that are nobody's, too).
    **{
        rule: organizers_only(404)
        for rule in (
            "/organizer/events/<int:event_id>/funnel",
            "/organizer/events/<int:event_id>/funnel/report",
        )
    },
    "/organizer/funnel/compare": organizers_only(200),
    # Interpreters' list and translation page: organizers only; a role of no event is 404.
    "/organizer/events/<int:event_id>/translations": organizers_only(404),
    "/organizer/events/<int:event_id>/roles/<int:role_id>/translate/<any(en, km, ja):language>": organizers_only(
        404
    ),
    # Personal API tokens: recruiters and organizers; nobody's token id is anybody's.
    "/account/api-tokens/": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 200,
        ORGANIZER: 200,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    "/account/api-tokens/<int:token_id>/revoke": {
        ANON: LOGIN,
        CANDIDATE: 403,
        EMPLOYER: 404,
        ORGANIZER: 404,
        DOOR: 403,
        BOOTH: 403,
        SENDING: 403,
    },
    # The API's description is public; everything else needs a token (a cookie is not one).
    "/api/v1/openapi.json": {kind: 200 for kind in KINDS},
    "/api/v1/docs": {kind: 200 for kind in KINDS},
}
MATRIX.update(
    {
        # A hire's departure checklist: its employer's recruiters, the hire and their
        # sending organisation's person; nobody's hire is anybody's (404).
        **{
            rule: {
                ANON: LOGIN,
                CANDIDATE: 404,
                EMPLOYER: 404,
                ORGANIZER: 403,
                DOOR: 403,
                BOOTH: 403,
                SENDING: 404,
            }
            for rule in (
                "/hires/<int:application_id>/checklist",
                "/hires/<int:application_id>/checklist/tick",
                "/hires/<int:application_id>/checklist/<any(passport, ocwc, contract, coe, visa,"
                " training, departure):step>/untick",
            )
        },
        # Inviting the hire's sending organisation: the employer's step.
        "/hires/<int:application_id>/sending": {
            ANON: LOGIN,
            CANDIDATE: 403,
            EMPLOYER: 404,
            ORGANIZER: 403,
            DOOR: 403,
            BOOTH: 403,
            SENDING: 403,
        },
        # The sending organisation's start page: theirs only.
        "/sending/": {
            ANON: LOGIN,
            CANDIDATE: 403,
            EMPLOYER: 403,
            ORGANIZER: 403,
            DOOR: 403,
            BOOTH: 403,
            SENDING: 200,
        },
        # Their first link: a link that is nobody's goes to the log-in page.
        "/sending/join/<token>": {kind: 302 for kind in KINDS},
    }
)
API_WITHOUT_TOKEN = {kind: 401 for kind in KINDS}
AREAS = {
    # prefix: the kinds of user the area is for, and what they may get with nobody's ids
    "/me/": ((CANDIDATE,), {200, 302, 404}),
    "/employer/": ((EMPLOYER,), {200, 302, 404}),
    "/booth/": ((EMPLOYER, BOOTH), {200, 302, 404}),
    "/organizer/": ((ORGANIZER,), {200, 302, 400, 404}),
}


def expected_for(rule: str, kind: str):
    if rule in MATRIX:
        return MATRIX[rule][kind]
    if rule.startswith("/api/v1/"):
        return API_WITHOUT_TOKEN[kind]
    for prefix, (owners, allowed) in AREAS.items():
        if rule.startswith(prefix):
            if kind == ANON:
                return LOGIN
            return allowed if kind in owners else 403
    return None


def concrete(rule: str) -> str:
    path = re.sub(r"<any\(([^,)]+)[^>]*>", lambda m: m.group(1).strip(), rule)
    path = path.replace("<path:filename>", "css/site.css")
    path = re.sub(r"<(?:int|api_id):[^>]+>", "987654", path)
    return re.sub(r"<[^>]+>", "no-such-token", path)


def test_every_url_is_in_the_matrix(app):
    unlisted = sorted(
        {r.rule for r in app.url_map.iter_rules() if expected_for(r.rule, ANON) is None}
    )
    assert unlisted == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_url_answers_each_kind_of_user_as_the_matrix_says(app, create_user, kind):
    client = app.test_client()
    if kind != ANON:
        user = create_user(role=UserRole(kind))
        assert (
            client.post(
                "/auth/login", data={"identifier": user.email, "password": PASSWORD}
            ).status_code
            == 302
        )
    wrong = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            if rule.rule == "/auth/logout":
                continue  # would end this client's session for the rest of the sweep
            response = client.open(concrete(rule.rule), method=method)
            response.close()
            expected = expected_for(rule.rule, kind)
            if expected == LOGIN:
                ok = response.status_code == 302 and response.headers["Location"].startswith(
                    "/auth/login"
                )
            elif isinstance(expected, set):
                ok = response.status_code in expected
            else:
                ok = response.status_code == expected or (
                    method == "POST"
                    and response.status_code in (302, 400)
                    and expected in (200, 302)
                )
            if not ok:
                wrong.append((method, rule.rule, response.status_code, expected))
    assert wrong == []
