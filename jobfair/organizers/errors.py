"""The one exception of the organizer workflows."""


class OrganizerError(Exception):
    """A request the rules do not allow; the message is shown to the organizer."""
