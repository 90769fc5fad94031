"""Fit bands: how a rank reads to people, decided from what matched, not from a raw cosine.

A similarity of 0.29 can belong to the third-best real welder; shown as a red 29 % bar it
reads as "bad match". A band says what the explanation says:

- ``strong``: every must-have met (languages, education); every required skill present (or
  none asked); and the same ISCO-08 minor group as the role (the first three digits of the
  occupations' codes), when both have a job title.
- ``good``: every must-have met, at least one required skill present (when the role asks
  for any), and at least half of them present or the same ISCO-08 minor group.
- ``partial``: anything else, including a must-have missed by one level, and a role whose
  required skills are all missing, however close the job titles.

The band is read from an `Explanation` only (one shape); `Explanation.band` and its
`to_dict()` carry it, and `Matcher.bands` gives the same band for many candidates at once
without explaining them, so a long list can be ordered by band before a page is explained.

>>> from matching.explain import Explanation, LanguageFit
>>> japanese = LanguageFit("ja", "N4", "N4", "met", True, "none")
>>> Explanation(matched_required_skills=["welding"], languages=[japanese],
...             occupation={"role": "welder", "candidate": "welder", "same_group": True}).band
'strong'
>>> Explanation(missing_required_skills=["welding"],
...             occupation={"role": "welder", "candidate": "welder", "same_group": True}).band
'partial'
"""

BANDS = ("strong", "good", "partial")
# Position of each band in a list ordered best band first.
BAND_ORDER = {name: n for n, name in enumerate(BANDS)}


def band_for(
    *,
    musts_met: bool,
    have: int,
    missing: int,
    same_group: bool,
    titles_compared: bool,
) -> str:
    """The band from the counts an explanation holds (`band` and `Matcher.bands` share it).

    `have` and `missing` count the role's required skills the candidate has and lacks;
    `musts_met` is False when a must-have language or the minimum education is not met.
    """
    asked = have + missing
    if not musts_met or (asked and not have):
        return "partial"
    if missing == 0 and (same_group or not titles_compared):
        return "strong"
    if same_group or (asked and 2 * have >= asked):
        return "good"
    return "partial"


def occupations_compared(mine, theirs) -> dict:
    """What the nearest occupations of a candidate's title (`mine`) and a role's title
    (`theirs`) say of each other, as an explanation's ``occupation`` holds it: their labels,
    whether they are one occupation, and whether they share an ISCO-08 minor group (the
    first three digits of their codes). The one rule the explanation, the band and
    `Matcher.bands` read."""
    both = mine is not None and theirs is not None
    return {
        "candidate": mine.label if mine is not None else None,
        "role": theirs.label if theirs is not None else None,
        "same_occupation": both and mine.index == theirs.index,
        "same_group": both and mine.isco[:3] == theirs.isco[:3],
    }


def same_group(occupation: dict) -> bool:
    return bool(occupation.get("same_group") or occupation.get("same_occupation"))


def titles_compared(occupation: dict) -> bool:
    """Whether both titles resolved to an occupation, so that the group can count."""
    return bool(occupation.get("role") and occupation.get("candidate"))


def band(explanation) -> str:
    """ "strong", "good" or "partial" for an `Explanation`."""
    musts_met = all(f.status == "met" for f in explanation.languages if f.must)
    if explanation.education.get("met") is False:
        musts_met = False
    occupation = explanation.occupation
    return band_for(
        musts_met=musts_met,
        have=len(explanation.matched_required_skills),
        missing=len(explanation.missing_required_skills),
        same_group=same_group(occupation),
        titles_compared=titles_compared(occupation),
    )
