"""Explainable, language-aware matching of candidates and roles (no web framework).

>>> from matching import Matcher
>>> m = Matcher().fit([{"id": 1, "headline": "cook", "skills": ["cooking"]}])
>>> m.rank({"id": "r", "title": "Cook", "required_skills": ["cooking"]})[0].candidate_id
1

This library uses the ESCO classification of the European Commission.
"""

from . import levels
from .explain import Explanation, LanguageFit, Result
from .matcher import Matcher

__all__ = ["Explanation", "LanguageFit", "Matcher", "Result", "levels"]
