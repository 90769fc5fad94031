"""Results and their explanations: structured codes and data the web app translates."""

from dataclasses import dataclass, field

from . import bands


@dataclass(frozen=True, slots=True)
class LanguageFit:
    """How a candidate's level compares with one language requirement of a role."""

    language: str  # ISO 639-1 code
    required: str  # e.g. "N4"
    candidate: str | None  # e.g. "N5", None when the candidate did not list the language
    status: str  # "met" | "nearly" | "not_met"
    must: bool
    applied_as: str  # "filter" | "penalty" | "none"


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a candidate ranks where they do for a role."""

    matched_required_skills: list[str] = field(default_factory=list)
    missing_required_skills: list[str] = field(default_factory=list)
    matched_preferred_skills: list[str] = field(default_factory=list)
    languages: list[LanguageFit] = field(default_factory=list)
    occupation: dict = field(default_factory=dict)
    education: dict = field(default_factory=dict)
    location_wanted: bool | None = None
    program_wanted: bool | None = None
    contributions: dict = field(default_factory=dict)
    penalties: dict = field(default_factory=dict)
    weights_source: str = "default"  # "default" | "learned" | "role": whose part weights
    # The parts that made most of the score, largest first ("title", "occupation", "group",
    # "skills", "text"), and the role's parts counted down because they hardly separate the
    # candidates (skills most of them list).
    deciding_parts: list[str] = field(default_factory=list)
    quiet_parts: list[str] = field(default_factory=list)

    @property
    def band(self) -> str:
        """ "strong", "good" or "partial": how the fit reads to people (see `matching.bands`)."""
        return bands.band(self)

    def requirements_order(self) -> tuple[int, int]:
        """Sorts more requirements met (required skills, languages) first, then fewer
        required skills missing: the order among roles of equal score."""
        met = sum(1 for fit in self.languages if fit.status == "met")
        return -(len(self.matched_required_skills) + met), len(self.missing_required_skills)

    def to_dict(self) -> dict:
        """A JSON-safe dict (lists, dicts, strings, numbers, booleans), with the band."""
        # Built by hand: dataclasses.asdict deep-copies and is slow for long shortlists.
        return {
            "matched_required_skills": list(self.matched_required_skills),
            "missing_required_skills": list(self.missing_required_skills),
            "matched_preferred_skills": list(self.matched_preferred_skills),
            "languages": [
                {
                    "language": f.language,
                    "required": f.required,
                    "candidate": f.candidate,
                    "status": f.status,
                    "must": f.must,
                    "applied_as": f.applied_as,
                }
                for f in self.languages
            ],
            "occupation": dict(self.occupation),
            "education": dict(self.education),
            "location_wanted": self.location_wanted,
            "program_wanted": self.program_wanted,
            "contributions": dict(self.contributions),
            "penalties": dict(self.penalties),
            "weights_source": self.weights_source,
            "deciding_parts": list(self.deciding_parts),
            "quiet_parts": list(self.quiet_parts),
            "band": bands.band(self),
        }

    def summary(self) -> str:
        """One line in English, for command-line use; the web app builds its own sentences."""
        parts = []
        if self.matched_required_skills:
            parts.append("has " + ", ".join(self.matched_required_skills))
        if self.missing_required_skills:
            parts.append("missing " + ", ".join(self.missing_required_skills))
        for fit in self.languages:
            parts.append(
                f"{fit.language} {fit.candidate or 'none'} vs {fit.required}: {fit.status}"
            )
        if self.occupation.get("same_occupation"):
            parts.append("same occupation")
        elif self.occupation.get("same_group"):
            parts.append("related occupation")
        if self.education and not self.education.get("met", True):
            parts.append("below the education asked")
        return "; ".join(parts) or "general text similarity"


@dataclass(frozen=True, slots=True)
class Result:
    """One ranked item: a candidate for a role (rank) or a role for a candidate (recommend)."""

    candidate_id: object
    role_id: object
    score: float
    explanation: Explanation | None  # None when ranked with explain=False
    band: str | None = None  # set by `Matcher.recommend`, explained or not
