"""Property-based tests generated from the API's own OpenAPI document (Schemathesis).

For every operation Schemathesis generates requests from the document, valid ones and
invalid ones, and runs every check it has on each answer: never a server error, status
codes, content types, headers and bodies the document describes, valid data accepted and
invalid data refused, authentication never ignored, a deleted resource gone. Each
operation runs with each kind of caller's token (the right company's read-write token
reaches roles, shortlists and applications; the others must be refused as documented).
A stateful run then follows the links the document declares (a created role is read,
changed, ranked and deleted; a listed application is read and moved).

Examples are bounded and derandomized so the run stays short and repeatable.
"""

import re
from urllib.parse import parse_qsl, urlsplit

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from jobfair.api import openapi

from .conftest import bearer

MAX_EXAMPLES = 20


def load(phases: list[str], max_examples: int):
    loaded = schemathesis.openapi.from_dict(openapi.document("/api/v1"))
    loaded.config.phases.update(phases=phases)
    loaded.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        max_examples=max_examples,
        deterministic=True,
    )
    return loaded


# The right caller: every phase (examples, boundary values, fuzzing) in both modes.
schema = load(["examples", "coverage", "fuzzing", "stateful"], MAX_EXAMPLES)
# Callers who must be refused (or see only their own): fuzzing, fewer examples.
refused = load(["fuzzing"], 10)
# Rules JSON Schema cannot say, each refused with 422 naming its field: the lowest salary
# above the highest, an event the company does not exhibit at, and two requirements for one
# language (the document says "one requirement per language"; JSON Schema has no "unique by
# key"). Any other 422 for a body the document allows is a disagreement between the two.
# So is a translation in the language the role is written in (`original_language`).
CROSS_FIELD_RULES = {"salary_max", "event_id", "languages"} | {
    f"translations.{code}.original_language" for code in ("en", "km", "ja")
}


@pytest.fixture
def app_config(app_config):
    """CSRF on, as in production: the API must not need it (a write without a token is 401)."""
    return {**app_config, "WTF_CSRF_ENABLED": True}


@schemathesis.check
def valid_data_accepted(ctx, response, case):
    """positive_data_acceptance, except a 422 that names only a cross-field rule."""
    meta = case.meta
    if meta is not None and meta.generation.mode.is_positive and response.status_code == 422:
        details = set(response.json().get("error", {}).get("details", {}))
        if details and details <= CROSS_FIELD_RULES:
            return None
    return positive_data_acceptance(ctx, response, case)


def sent_query_is_valid(case, response) -> bool:
    """Whether the request as it went out (no body) had only documented query parameters,
    each once and valid for its schema, read as the server reads it (integers as integers)."""
    if case.body is not NOT_SET:
        return False
    documented = {
        p["name"]: p.get("schema", {})
        for p in case.operation.definition.raw.get("parameters", ())
        if p.get("in") == "query"
    }
    sent = parse_qsl(urlsplit(response.request.url).query, keep_blank_values=True)
    if len({name for name, _ in sent}) != len(sent):
        return False
    for name, text in sent:
        if name not in documented:
            return False
        value = int(text) if re.fullmatch(r"-?[0-9]+", text) else text
        if documented[name].get("type") == "integer" and not isinstance(value, int):
            return False
        if not jsonschema_rs.is_valid(documented[name], value):
            return False
    return True


@schemathesis.check
def invalid_data_refused(ctx, response, case):
    """negative_data_rejection, except when the invalid parts never went out: the caller's
    bearer header replaces a removed Authorization, and a generated extra query parameter
    can serialize to nothing, leaving a valid request (a Schemathesis false positive)."""
    meta = case.meta
    if (
        meta is not None
        and meta.generation.mode.is_negative
        and response.status_code < 400
        and sent_query_is_valid(case, response)
    ):
        return None
    return negative_data_rejection(ctx, response, case)


def aim_at_the_fair(case, world):
    """A generated role body names the fair's event (any other id is refused, by rule)."""
    if isinstance(case.body, dict) and "event_id" in case.body and case.meta.generation.mode:
        if case.meta.generation.mode.is_positive:
            case.body["event_id"] = world.event.id


def call_and_validate(case, app, world, caller):
    case.operation.schema.app = app  # the checks' own follow-up requests go to this app too
    aim_at_the_fair(case, world)
    case.call_and_validate(
        app=app,
        headers=bearer(world.tokens[caller]),
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
        additional_checks=[valid_data_accepted, invalid_data_refused],
    )


QUICK = settings(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@schema.parametrize()
@QUICK
def test_api_matches_its_document(case, app, world):
    call_and_validate(case, app, world, "right")


@refused.parametrize()
@QUICK
def test_api_refuses_other_callers_as_documented(case, app, world):
    for caller in ("read_only", "other_company", "organizer"):
        call_and_validate(case, app, world, caller)


def test_api_statefully_follows_its_links(app, world):
    machine = schema.as_state_machine()
    headers = bearer(world.tokens["right"])

    class Workflow(machine):
        def before_call(self, case):
            aim_at_the_fair(case, world)

        def get_call_kwargs(self, case):
            return {"app": app, "headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response,
                headers=headers,
                excluded_checks=[positive_data_acceptance, negative_data_rejection],
                additional_checks=[valid_data_accepted, invalid_data_refused],
                transport_kwargs=kwargs,
            )

    schema.app = app
    Workflow.run(
        settings=settings(
            max_examples=25,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
