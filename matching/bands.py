"""Fit bands: how a rank reads to people, decided from what matched, not from a raw cosine.

A similarity of 0.29 can belong to the third-best real welder; shown as a red 29 % bar it
reads as "bad match". A band says what the explanation says:

- ``strong``: every must-have met (languages, education); every required skill present (or
  none asked); and the same ISCO-08 unit group as the role, when both have a job title.
- ``good``: every must-have met, and at least half of the required skills present or the
  same ISCO-08 unit group.
- ``partial``: anything else, including a must-have missed by one level.

>>> band({"matched_required_skills": ["welding"], "missing_required_skills": [],
...       "languages": [{"status": "met", "must": True}],
...       "occupation": {"same_group": True}})
'strong'
>>> band({"matched_required_skills": [], "missing_required_skills": ["welding"],
...       "languages": [{"status": "nearly", "must": True}], "occupation": {}})
'partial'
"""

BANDS = ("strong", "good", "partial")


def _get(explanation, name, default):
    if isinstance(explanation, dict):
        return explanation.get(name, default)
    return getattr(explanation, name, default)


def _status(fit, name):
    return fit.get(name) if isinstance(fit, dict) else getattr(fit, name)


def band(explanation) -> str:
    """ "strong", "good" or "partial" for an `Explanation` or its `to_dict()`."""
    languages = _get(explanation, "languages", []) or []
    musts_met = all(_status(f, "status") == "met" for f in languages if _status(f, "must"))
    education = _get(explanation, "education", {}) or {}
    if not musts_met or education.get("met") is False:
        return "partial"
    have = len(_get(explanation, "matched_required_skills", []) or [])
    missing = len(_get(explanation, "missing_required_skills", []) or [])
    occupation = _get(explanation, "occupation", {}) or {}
    same_group = bool(occupation.get("same_group") or occupation.get("same_occupation"))
    titles_compared = bool(occupation.get("role") and occupation.get("candidate"))
    if missing == 0 and (same_group or not titles_compared):
        return "strong"
    if same_group or (have + missing and have >= (have + missing) / 2):
        return "good"
    return "partial"
