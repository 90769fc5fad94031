"""The `api` blueprint: who is asking (a bearer token, never a cookie), errors as JSON,
rate limits per token, pagination.

Requests are authenticated only by `Authorization: Bearer jf_…`; a session cookie is
ignored here, so a cross-site request cannot act for a signed-in person and the API needs
no CSRF check: a request without a token is refused with 401 and `WWW-Authenticate:
Bearer`, as the OpenAPI document says, whatever its method.

The rate limit is one count per token across every endpoint (a shared limit), and a page
past the end of any list is empty: `page` is echoed, never moved back to the last page.
"""

import functools
import hashlib
import re

from flask import Blueprint, current_app, g, jsonify, request
from werkzeug.routing import IntegerConverter

from ..extensions import csrf, db, limiter
from ..paging import window
from . import tokens

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class ApiIdConverter(IntegerConverter):
    """An id in a path: digits; one past any database integer reads as 0, which no row has
    (so it is a 404 like any unknown id, not an overflow in the database driver)."""

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if number <= 2**31 - 1 else 0


bp.record_once(lambda state: state.app.url_map.converters.setdefault("api_id", ApiIdConverter))
PUBLIC_ENDPOINTS = {"api.openapi_document", "api.documentation"}
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}
MESSAGES = {
    401: "Send a valid API token: Authorization: Bearer jf_…",
    403: "This token may not do that.",
    404: "Not found.",
    405: "Method not allowed.",
    413: "The body is too large.",
    414: "The URL is too long.",
    429: "Too many requests for this token; slow down.",
    500: "Something went wrong on our side; nothing was saved.",
    503: "The service is busy; nothing was saved. Try again in a moment.",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str | None = None, details: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details or {}


def error_response(status: int, message: str | None = None, details: dict | None = None):
    body = {
        "error": {
            "code": ERROR_CODES.get(status, "error"),
            "message": message or MESSAGES.get(status, "Request refused."),
        }
    }
    if details:
        body["error"]["details"] = details
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="jobfair"'
    return response


def documented_query_parameters() -> set[str]:
    """The query parameters the OpenAPI document gives this request's operation."""
    from .operations import query_parameters

    rule = request.url_rule.rule if request.url_rule else ""
    path = re.sub(r"<(?:[^:>]+:)?([a-z_]+)>", r"{\1}", rule.removeprefix(bp.url_prefix))
    return set(query_parameters(path, request.method.lower()))


def _bearer() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def rate_limit_key() -> str:
    """Per token (its hash, computed before the token is looked up); else per address."""
    secret = _bearer()
    if secret:
        return "api-token:" + hashlib.sha256(secret.encode()).hexdigest()[:32]
    return "api-address:" + (request.remote_addr or "")


# One count per token over all endpoints (a per-route limit would multiply it by 15).
limiter.shared_limit(
    lambda: current_app.config["API_RATE_LIMIT"], scope="api", key_func=rate_limit_key
)(bp)


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    token = tokens.authenticate(_bearer())
    if token is None:
        return error_response(401)
    unknown = set(request.args) - documented_query_parameters()
    if unknown:
        return error_response(400, "Unknown query parameters: " + ", ".join(sorted(unknown))[:200])
    if token in db.session.dirty:
        db.session.commit()  # last_used_at, at most every few minutes
    g.api_token = token
    g.api_user = token.user
    return None


@bp.after_request
def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(ApiError)
def api_error(error: ApiError):
    db.session.rollback()
    return error_response(error.status, error.message, error.details)


def requires(*, scope: str = "read", roles: tuple[str, ...] = ("employer", "organizer")):
    """Only tokens whose user has one of `roles`; unsafe methods need a write token."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            user, token = g.api_user, g.api_token
            if user.role not in roles:
                return error_response(
                    403, "This endpoint is for {} tokens.".format(" or ".join(roles))
                )
            if scope == "write" and not token.can_write:
                return error_response(403, "This token is read-only.")
            return view(*args, **kwargs)

        return wrapped

    return decorator


MAX_PAGE = 100_000
MAX_ID = 2**31 - 1


def page_args(max_per_page: int = 100) -> tuple[int, int]:
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", 25))
    except ValueError:
        raise ApiError(400, "page and per_page are whole numbers.") from None
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= max_per_page:
        raise ApiError(400, f"page from 1 to {MAX_PAGE}; per_page from 1 to {max_per_page}.")
    return page, per_page


def int_arg(name: str) -> int | None:
    value = request.args.get(name)
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise ApiError(400, f"{name} is an id: a whole number from 1.")
    return int(value)


def no_content():
    """204: no body and no Content-Type (Flask would say text/html)."""
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]
    return response


def paginated(query, serialize, page: int, per_page: int) -> dict:
    import sqlalchemy as sa

    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    )
    shown = window(total=total, page=page, per_page=per_page)
    rows = db.session.scalars(query.limit(per_page).offset(shown.offset)).all()
    return {
        "items": [serialize(row) for row in rows],
        "page": shown.page,
        "per_page": per_page,
        "total": total,
    }
