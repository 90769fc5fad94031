"""The one exception of the recruiting workflows."""


class RecruitingError(ValueError):
    """A recruiting action that cannot go ahead, with a message for the recruiter."""
