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
    from . import labels, localize

    app.jinja_env.globals["labels"] = labels
    localize.register_filters(app)

    from . import (
        auth,
        candidates,
        cli,
        employers,
        errors,
        main,
        maintenance,
        organizers,
        password_reset,
        two_factor,
    )

    for module in (main, auth, two_factor, password_reset, candidates, employers, organizers):
        app.register_blueprint(module.bp)
    app.register_blueprint(candidates.cv_bp)
    app.register_blueprint(organizers.public_bp)
    errors.register(app)
    cli.register(app)
    maintenance.register(app)
    return app
