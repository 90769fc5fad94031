"""The app for the killed-import test (`flask --app tests.support.import_app:app jobs-worker`).

While the file named by IMPORT_PAUSE_MARK does not exist, an import of candidates writes
every row, creates that file and then waits, before the runner's commit, until the test
kills the worker; once it exists imports run as usual.
"""

import os
import time

from jobfair import create_app
from jobfair.extensions import db
from jobfair.organizers import import_plans

_apply_candidates = import_plans.APPLY["candidates"]


def _apply_then_wait(event, plans, actor) -> None:
    _apply_candidates(event, plans, actor)
    db.session.flush()  # every row is in the database's transaction, not committed
    mark = os.environ.get("IMPORT_PAUSE_MARK")
    if mark and not os.path.exists(mark):
        with open(mark, "w") as handle:
            handle.write(str(os.getpid()))
        time.sleep(600)


import_plans.APPLY["candidates"] = _apply_then_wait
app = create_app()
