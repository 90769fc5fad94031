"""The job fair platform: a Flask application factory."""

import os

from flask import Flask

from .config import Defaults


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app: defaults, then instance/config.py, then the environment, then tests."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env()
        if os.environ.get("DATABASE_URL"):
            app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import database, security

    database.configure(app)
    security.configure(app)

    from .extensions import babel, csrf, db, limiter, login_manager, migrate
    from .i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "..", "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)

    from flask_babel import get_locale

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    from . import labels, localize, paging

    app.jinja_env.globals["labels"] = labels
    app.jinja_env.filters["place"] = labels.place_label
    app.jinja_env.globals["page_url"] = paging.page_url
    localize.register_filters(app)
    from . import postings

    postings.register(app)
    from . import floor_map

    app.jinja_env.filters["booth_anchor"] = floor_map.anchor
    from . import form_messages

    form_messages.install(app)

    from . import cli, errors, jobs, main, maintenance
    from .api import blueprint as api
    from .api import docs as _api_docs  # noqa: F401 (registers the routes)
    from .api import pages as api_pages
    from .api import recruiting as _api_recruiting  # noqa: F401
    from .api import resources as _api_resources  # noqa: F401
    from .auth import password_reset, sessions, two_factor
    from .auth import views as auth_views
    from .booth import blueprint as booth
    from .candidates import blueprint as candidates
    from .candidates import views as _candidate_views  # noqa: F401 (registers the routes)
    from .door import blueprint as door
    from .door import checkin as _door_checkin  # noqa: F401
    from .door import views as _door_views  # noqa: F401
    from .employers import blueprint as employers
    from .employers import views as _employer_views  # noqa: F401
    from .japan import blueprint as japan
    from .jobs import views as job_views
    from .jobs import worker as job_worker
    from .messages import settings as _message_settings  # noqa: F401 (registers the routes)
    from .messages import views as messages
    from .organizers import blueprint as organizers
    from .organizers import views as _organizer_views  # noqa: F401

    # The views import every area, and with them every job handler (`jobs.handler`), so
    # the web app and `flask jobs-worker` know the same kinds of job.
    jobs.configure(app)
    sessions.register(app)
    for blueprint in (
        main.bp,
        auth_views.bp,
        two_factor.bp,
        password_reset.bp,
        candidates.bp,
        candidates.cv_bp,
        candidates.jobs_bp,
        employers.bp,
        booth.bp,
        organizers.bp,
        organizers.public_bp,
        organizers.answer_bp,
        door.bp,
        door.door_assets_bp,
        messages.bp,
        api.bp,
        api_pages.bp,
        job_views.bp,
        japan.bp,
    ):
        app.register_blueprint(blueprint)
    errors.register(app)
    cli.register(app)
    job_worker.register(app)
    messages.register(app)
    maintenance.register(app)
    return app
