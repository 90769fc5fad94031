"""Public pages: the home page, the language switch and the site's icon."""

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_login import current_user

from .auth.sessions import is_safe_next
from .extensions import db

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    return render_template("index.html")


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the chosen language in the session and, when signed in, on the account."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("main.index"))


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; pages link the SVG."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon"
    )


@bp.route("/healthz")
def healthz():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@bp.route("/skills.json")
def suggest_skills():
    """Skill names for the autocomplete, in the typer's script first: Japanese or Khmer
    typing offers the vocabulary's words in that script, then their English names; then
    the platform's common skills and ESCO's."""
    from matching.scripts import has_foreign_script
    from matching.search_keys import suggestions
    from matching.taxonomy import Taxonomy

    from .fields import COMMON_SKILLS

    typed = request.args.get("q", "")[:60].strip()
    if len(typed) < 2:
        return {"skills": []}
    if has_foreign_script(typed):
        return {"skills": suggestions(typed)}
    common = [name for name in COMMON_SKILLS if typed.lower() in name.lower()]
    esco = [name for name in Taxonomy.default().suggest_skills(typed) if name not in common]
    return {"skills": (common + esco)[:12]}
