"""The OpenAPI document as JSON, and as a page people can read (no scripts needed)."""

from flask import jsonify, render_template, url_for
from flask_babel import get_locale

from . import openapi
from .blueprint import bp


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document(url_for("api.openapi_document").rsplit("/", 1)[0]))


@bp.get("/docs")
def documentation():
    server = url_for("api.openapi_document").rsplit("/", 1)[0]
    document = openapi.document(server, locale=str(get_locale()))
    operations = [
        (path, method.upper(), spec)
        for path, methods in document["paths"].items()
        for method, spec in methods.items()
    ]
    return render_template(
        "api/docs.html",
        document=document,
        operations=operations,
        schemas=document["components"]["schemas"],
    )
