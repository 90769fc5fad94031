"""The OpenAPI 3.1 document of /api/v1/: served as JSON and rendered as the docs page.

Written by hand, next to the code it describes (the objects are in schemas.py);
tests/partners/test_api_schema.py checks every response against it with Schemathesis, so
the two cannot drift apart unnoticed.
"""

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel.speaklater import LazyString

from .operations import paths
from .schemas import DESCRIPTION, SCHEMAS


def document(server_url: str = "/api/v1", *, locale: str = "en") -> dict:
    """The document with its texts in `locale`: English for clients (openapi.json), the
    reader's language on the docs page. Every lazy text is resolved to a plain string."""
    with force_locale(locale):
        return resolved(
            {
                "openapi": "3.1.0",
                "info": {
                    "title": _("Job fair API"),
                    "version": "1.0.0",
                    "description": "\n\n".join(str(p) for p in DESCRIPTION),
                },
                "servers": [{"url": server_url}],
                "security": [{"token": []}],
                "paths": paths(),
                "components": {
                    "schemas": SCHEMAS,
                    "securitySchemes": {
                        "token": {
                            "type": "http",
                            "scheme": "bearer",
                            "description": _("A personal API token, jf_…"),
                        }
                    },
                },
            }
        )


def resolved(value):
    """A copy of `value` with every lazy text turned into a string in the current language."""
    if isinstance(value, LazyString):
        return str(value)
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [resolved(item) for item in value]
    return value
