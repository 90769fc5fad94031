"""Friendly error pages, one template for every status."""

from flask import Flask, Response, current_app, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, RequestURITooLarge

from .extensions import db

MESSAGES = {
    400: (_l("Something in that request was not right"), _l("Please go back and try again.")),
    403: (
        _l("This page is not for your account"),
        _l("Log in with the right account, or go back."),
    ),
    404: (_l("Page not found"), _l("The page may have moved, or the link is incomplete.")),
    405: (
        _l("That action is not allowed here"),
        _l("Please go back and use the buttons on the page."),
    ),
    413: (
        _l("That file is too large"),
        _l("Please choose smaller files: a CV file of at most 5 MB or photos of at most 10 MB."),
    ),
    414: (_l("That address is too long"), _l("Please go back and try a shorter search.")),
    429: (_l("Too many attempts"), _l("Please wait a minute before trying again.")),
    500: (
        _l("Something went wrong on our side"),
        _l("Nothing was saved. Please try again in a moment."),
    ),
    503: (_l("The service is busy"), _l("Nothing was saved. Please try again in a moment.")),
}


def render_error(status: int, detail=None, title=None):
    default_title, hint = MESSAGES.get(status, MESSAGES[500])
    title = title or default_title
    if request_ctx.url_adapter is None:
        # Refused before routing (an untrusted Host header): no links can be built.
        _say_host_refused()
        return Response(f"{status} {title}\n", status=status, mimetype="text/plain")
    return render_template(
        "errors/error.html", status=status, title=title, hint=detail or hint
    ), status


_hosts_refused: set[str] = set()


def _say_host_refused() -> None:
    """Tell the operator, once per name, which Host was refused and how to allow it."""
    host = request.environ.get("HTTP_HOST", "")[:100]
    if host in _hosts_refused or len(_hosts_refused) > 100:
        return
    _hosts_refused.add(host)
    current_app.logger.warning(
        "Refused a request for host %r: it is not in TRUSTED_HOSTS %s. If this is your "
        "site's name, add it: FLASK_TRUSTED_HOSTS='[\"%s\"]'.",
        host,
        current_app.config.get("TRUSTED_HOSTS"),
        host.split(":")[0],
    )


def _is_api() -> bool:
    """Machines calling /api/ get the API's JSON error object, not a page."""
    return request.path.startswith("/api/")


def register(app: Flask) -> None:
    @app.before_request
    def refuse_overlong_urls():
        """414 in the app's own words (JSON under /api/), not the server's HTML."""
        raw = request.environ.get("RAW_URI") or request.full_path
        if len(raw) > app.config["MAX_URL_LENGTH"]:
            raise RequestURITooLarge()

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if _is_api():
            from .api.blueprint import error_response

            return error_response(400, "Send an API token: Authorization: Bearer jf_…")
        return render_error(
            400,
            _l(
                "The form expired or was sent from elsewhere. Please reload the page and try again."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code in (301, 302, 303, 307, 308):
            return error
        # An error that says why (e.g. access.NotInFair) keeps its own words.
        explanation = getattr(error, "explanation", None)
        if _is_api():
            from .api.blueprint import error_response

            response = error_response(error.code or 500, explanation)
            if getattr(error, "valid_methods", None):
                response.headers["Allow"] = ", ".join(error.valid_methods)
            return response
        return render_error(error.code or 500, explanation, getattr(error, "title", None))

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        db.session.rollback()
        app.logger.error("database error on %s %s: %s", request.method, request.path, error.orig)
        if _is_api():
            from .api.blueprint import error_response

            return error_response(503)
        return render_error(503)

    @app.errorhandler(Exception)
    def unexpected_error(error):
        db.session.rollback()
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if _is_api():
            from .api.blueprint import error_response

            return error_response(InternalServerError.code)
        return render_error(InternalServerError.code)
