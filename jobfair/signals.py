"""Things that happened, for whichever part of the app wants to hear of them.

One area raises an event where it happens and another listens, so neither imports the
other (as Indico's modules do): candidates' workflows raise `application_created`, and
employers/webhooks.py tells the company's systems. Receivers run at once, inside the
caller's transaction, so what they write commits (or rolls back) with the change.

    signals.application_created.send(application)
"""

from blinker import Namespace

_signals = Namespace()

application_created = _signals.signal(
    "application-created", doc="A candidate applied to a role (sender: the Application)."
)
interview_accepted = _signals.signal(
    "interview-accepted", doc="A candidate accepted an interview (sender: the Interview)."
)
