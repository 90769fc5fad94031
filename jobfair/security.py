"""Secret key, security headers and caching rules applied to every response."""

import os
from itertools import chain

from flask import Flask, current_app, request
from flask.json.provider import DefaultJSONProvider
from flask_login import current_user
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def load_or_create_secret_key(instance_path: str) -> str:
    """Read instance/secret_key, creating it atomically on first run."""
    path = os.path.join(instance_path, "secret_key")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path, encoding="ascii") as f:
            key = f.read().strip()
        if key:
            return key
        raise RuntimeError(f"{path} is empty; delete it to generate a new key") from None
    key = os.urandom(32).hex()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key)
    return key


def configure(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(app.instance_path)
    if app.config["PREFERRED_URL_SCHEME"] == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    app.json = CleanJSONProvider(app)
    app.before_request(allow_larger_uploads)
    app.before_request(remove_nul_bytes)

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        # Signed-in pages show personal data: keep them out of every cache.
        if current_user and current_user.is_authenticated and request.endpoint != "static":
            headers["Cache-Control"] = "no-store"
        return response


# Pages that take larger uploads than MAX_CONTENT_LENGTH, and the setting saying how large.
LARGER_UPLOADS = {
    "candidates.upload_cv": "CV_UPLOAD_MAX_LENGTH",
    "candidates.rirekisho_photo": "CV_UPLOAD_MAX_LENGTH",
}


def allow_larger_uploads() -> None:
    """Raise the body limit for the pages that need it, before anything reads the form."""
    setting = LARGER_UPLOADS.get(request.endpoint)
    if setting:
        request.max_content_length = current_app.config[setting]


def remove_nul_bytes() -> None:
    """Take NUL bytes out of query and form values and uploaded files' names.

    No keyboard types one and PostgreSQL cannot store one in text, so no field needs it;
    doing it here covers every form at once. Fields also strip or refuse other control
    characters (`fields.strip`, `fields.printable`).
    """
    if _has_nul(request.args):
        request.args = _without_nul(request.args)
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if _has_nul(request.form):
        request.form = _without_nul(request.form)
    for upload in chain.from_iterable(request.files.listvalues()):
        if upload.filename and "\x00" in upload.filename:
            upload.filename = upload.filename.replace("\x00", "")


def _has_nul(values: MultiDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in vs) for key, vs in values.lists())


def _without_nul(values: MultiDict) -> ImmutableMultiDict:
    return ImmutableMultiDict(
        (key.replace("\x00", ""), value.replace("\x00", ""))
        for key, vs in values.lists()
        for value in vs
    )


# No request body needs deeper nesting; 100,000 '[' would otherwise exhaust the stack (500).
MAX_JSON_DEPTH = 32


class CleanJSONProvider(DefaultJSONProvider):
    """JSON bodies (API, door sync) with nesting deeper than MAX_JSON_DEPTH refused as a bad
    request (400). Control characters are not removed here: the model's rules refuse them
    (422), as the forms do and as the API's document says.

    `request.get_json` turns the ValueError raised here into None (silent) or a 400.
    """

    def loads(self, s, **kwargs):
        try:
            data = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        _check_depth(data, 0)
        return data


def _check_depth(value, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise ValueError("JSON nested too deeply")
    if isinstance(value, list):
        for item in value:
            _check_depth(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _check_depth(item, depth + 1)
