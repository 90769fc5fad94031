"""The API's operations: every path with its parameters, responses and the texts that
describe them (in the current language; openapi.document chooses it)."""

import functools

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .parameters import query, shortlist_parameters
from .schemas import INT_ID, STATUSES, ref


def error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def ok(schema: str, description=_l("OK"), links: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": ref(schema)}},
    }
    if links:
        response["links"] = links
    return response


def links(source: str, *operation_ids: str, name: str) -> dict:
    """Links (for clients and stateful tests): this response's id is `name` of each."""
    return {
        "".join(part.title() for part in op.split("_")): {
            "operationId": op,
            "parameters": {name: source},
        }
        for op in operation_ids
    }


THIS_ID, FIRST_ID = "$response.body#/id", "$response.body#/items/0/id"
ROLE_OPERATIONS = ("get_role", "update_role", "delete_role", "get_shortlist", "list_applications")


COMMON_ERRORS = {
    "401": {
        **error(_l("No token, or a token that is unknown, expired or revoked")),
        "headers": {
            "WWW-Authenticate": {
                "required": True,
                "schema": {"type": "string", "pattern": "^Bearer"},
            },
        },
    },
    "414": error(_l("The URL is longer than 4,096 characters")),
    "429": error(_l("Too many requests for this token (all endpoints count together)")),
}


def operation(
    summary: str,
    responses: dict,
    *,
    id: str,
    tag: str,
    parameters=(),
    body=None,
    write=False,
    who="",
) -> dict:
    operation_ = {
        "operationId": id,
        "summary": summary,
        "tags": [tag],
        "parameters": list(parameters),
        "responses": {**responses, **COMMON_ERRORS},
        "description": " ".join(
            str(part) for part in (who, _("Needs a read-write token.") if write else "") if part
        ),
    }
    if body:
        operation_["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(body)}},
        }
    return operation_


def path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": INT_ID}


PAGING = [
    query("page", {"type": "integer", "minimum": 1, "maximum": 100000}, _l("Page number, from 1")),
    query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}, _l("Items per page (25)")),
]
RECRUITER = _l(
    "For recruiters' tokens (organizers get 403); another company's id is 404. Candidates "
    "(shortlists, applications) only while the company is an approved exhibitor of the "
    "role's fair: otherwise 403, with the reason in the error message."
)
ANYONE = _l("Recruiters see their own company's; organizers see everything.")
FORBIDDEN = error(_l("The token's role or scope does not allow this"))
NOT_FOUND = error(_l("No such object, or not one this token may see"))
INVALID = error(_l("The body is not right; details name each field"))
BAD = error(_l("A query parameter or the body is not right"))


def paths() -> dict:
    """Every operation, its texts in the current language (document() chooses it)."""
    return {
        "/me": {
            "get": operation(
                _("Who the token belongs to"), {"200": ok("Me")}, id="me", tag="Account"
            )
        },
        "/events": {
            "get": operation(
                _("Events"),
                {
                    "200": ok(
                        "EventPage",
                        links=links(FIRST_ID, "get_event", "event_checkins", name="event_id"),
                    ),
                    "400": BAD,
                },
                id="list_events",
                tag="Events",
                parameters=PAGING,
                who=_("Recruiters see the events their company exhibits at; organizers all."),
            )
        },
        "/events/{event_id}": {
            "get": operation(
                _("One event"),
                {"200": ok("Event"), "404": NOT_FOUND},
                id="get_event",
                tag="Events",
                parameters=[path_id("event_id")],
            )
        },
        "/events/{event_id}/checkins": {
            "get": operation(
                _("Check-in figures"),
                {"200": ok("Checkins"), "403": FORBIDDEN, "404": NOT_FOUND},
                id="event_checkins",
                tag="Events",
                parameters=[path_id("event_id")],
                who=_("For organizers' tokens."),
            )
        },
        "/exhibitors": {
            "get": operation(
                _("Exhibitors"),
                {
                    "200": ok(
                        "ExhibitorPage", links=links(FIRST_ID, "get_exhibitor", name="exhibitor_id")
                    ),
                    "400": BAD,
                },
                id="list_exhibitors",
                tag="Exhibitors",
                parameters=[*PAGING, query("event_id", INT_ID, _("Only this event's"))],
                who=ANYONE,
            )
        },
        "/exhibitors/{exhibitor_id}": {
            "get": operation(
                _("One exhibitor"),
                {"200": ok("Exhibitor"), "404": NOT_FOUND},
                id="get_exhibitor",
                tag="Exhibitors",
                parameters=[path_id("exhibitor_id")],
                who=ANYONE,
            )
        },
        "/roles": {
            "get": operation(
                _("The company's roles"),
                {
                    "200": ok("RolePage", links=links(FIRST_ID, *ROLE_OPERATIONS, name="role_id")),
                    "400": BAD,
                    "403": FORBIDDEN,
                },
                id="list_roles",
                tag="Roles",
                parameters=[
                    *PAGING,
                    query("event_id", INT_ID),
                    query("status", {"enum": ["draft", "open", "closed"]}),
                ],
                who=RECRUITER,
            ),
            "post": operation(
                _("Post a role"),
                {
                    "201": ok(
                        "Role", _("Created"), links(THIS_ID, *ROLE_OPERATIONS, name="role_id")
                    ),
                    "400": BAD,
                    "403": FORBIDDEN,
                    "422": INVALID,
                },
                id="create_role",
                tag="Roles",
                body="RoleCreate",
                write=True,
                who=RECRUITER + " " + _("The company must be an approved exhibitor at the event."),
            ),
        },
        "/roles/{role_id}": {
            "get": operation(
                _("One role"),
                {"200": ok("Role"), "403": FORBIDDEN, "404": NOT_FOUND},
                id="get_role",
                tag="Roles",
                parameters=[path_id("role_id")],
                who=RECRUITER,
            ),
            "patch": operation(
                _("Change a role"),
                {
                    "200": ok(
                        "Role", links=links(THIS_ID, "get_role", "delete_role", name="role_id")
                    ),
                    "400": BAD,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                    "422": INVALID,
                },
                id="update_role",
                tag="Roles",
                parameters=[path_id("role_id")],
                body="RoleUpdate",
                write=True,
                who=RECRUITER,
            ),
            "delete": operation(
                _("Delete a role without applications"),
                {
                    "204": {"description": _("Deleted")},
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                    "409": error(_("The role has applications: close it instead")),
                },
                id="delete_role",
                tag="Roles",
                parameters=[path_id("role_id")],
                write=True,
                who=RECRUITER,
            ),
        },
        "/roles/{role_id}/shortlist": {
            "get": operation(
                _("The ranked shortlist, with explanations"),
                {"200": ok("Shortlist"), "400": BAD, "403": FORBIDDEN, "404": NOT_FOUND},
                id="get_shortlist",
                tag="Shortlists",
                parameters=[
                    path_id("role_id"),
                    *PAGING,
                    *shortlist_parameters(),
                ],
                who=RECRUITER
                + " "
                + _(
                    "The same query as the shortlist page, its exports and its select-all: the "
                    "same rows in the same order, filters and blind review (a candidate is a "
                    "reference until invited). A section, sort or choice the shortlist does not "
                    "have answers 400, on the page and here alike; a page past the end shows the "
                    "last page."
                ),
            )
        },
        "/roles/{role_id}/applications": {
            "get": operation(
                _("Applications for a role"),
                {
                    "200": ok(
                        "ApplicationPage",
                        links=links(
                            FIRST_ID,
                            "get_application",
                            "change_application_status",
                            name="application_id",
                        ),
                    ),
                    "400": BAD,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                },
                id="list_applications",
                tag="Applications",
                parameters=[path_id("role_id"), *PAGING, query("status", {"enum": STATUSES})],
                who=RECRUITER,
            )
        },
        "/applications/{application_id}": {
            "get": operation(
                _("One application"),
                {"200": ok("Application"), "403": FORBIDDEN, "404": NOT_FOUND},
                id="get_application",
                tag="Applications",
                parameters=[path_id("application_id")],
                who=RECRUITER,
            )
        },
        "/applications/{application_id}/status": {
            "post": operation(
                _("Move an application one step"),
                {
                    "200": ok("Application"),
                    "400": BAD,
                    "403": FORBIDDEN,
                    "404": NOT_FOUND,
                    "409": error(_("That step is not possible from the current status")),
                    "422": INVALID,
                },
                id="change_application_status",
                tag="Applications",
                parameters=[path_id("application_id")],
                body="StatusChange",
                write=True,
                who=RECRUITER
                + " "
                + _(
                    "The candidate is told, as when the step is made on the page. 'Not selected'"
                    " (rejected) needs a reason, as on the page: for the company, never the"
                    " candidate."
                ),
            )
        },
    }


@functools.cache
def query_parameters(path: str, method: str) -> frozenset[str]:
    """The query parameters an operation documents (names: the same in every language)."""
    parameters = paths().get(path, {}).get(method, {}).get("parameters", ())
    return frozenset(p["name"] for p in parameters if p["in"] == "query")
