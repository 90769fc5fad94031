"""Derivation families: an occupation noun, its activity, its verb and their plurals as one word.

Words are compared as words (TF-IDF over words, skill names), so "carpenter" would not
meet "carpentry", nor "welders" "welding". `derive` reads every word of a normalised text
as its family, the family named by its most used activity:

>>> derive("carpenters wanted for carpentry")
'carpentry wanted for carpentry'
>>> derive("welder")
'welding'

The families are in ``data/lexicon/derivations.tsv``, built from the words of ESCO by
general rules of English word formation (``scripts/build_derivations.py``); words whose other
meanings would join unrelated things (a train and training, a model and 3D modelling) are
left out there. Japanese and Khmer terms meet through their English readings: 溶接工 reads
"welder" and 溶接 "welding", both of the family "welding".
"""

import functools
import re
from pathlib import Path

DERIVATIONS = Path(__file__).parent / "data" / "lexicon" / "derivations.tsv"
_WORD = re.compile(r"(?u)\b\w+\b")


@functools.cache
def families() -> dict[str, str]:
    """{word: its family} for every word of a derivation family (the family's own word too)."""
    found: dict[str, str] = {}
    for row in DERIVATIONS.read_text("utf-8").splitlines():
        parts = row.split("\t")
        if len(parts) >= 2 and not row.startswith("#"):
            found.setdefault(parts[1], parts[0])
    return found


def derive(text: str) -> str:
    """A normalised text (lower case, words separated by spaces) with each word as its family."""
    if not text:
        return ""
    get = families().get
    return " ".join([get(word, word) for word in text.split()])


def derived_words(text: str) -> list[str]:
    """The words of a text (``\\w+``), each as its family: a TF-IDF vectorizer's ``tokenizer``
    (one pass, where ``derive`` and then splitting would be two).

    >>> derived_words("welders, plumbers")
    ['welding', 'plumbing']
    """
    get = families().get
    words = _WORD.findall(text)
    return list(map(get, words, words))


def same_family(a: str, b: str) -> bool:
    """Whether two normalised words or phrases read the same once derived ("plumber", "plumbing")."""
    return derive(a) == derive(b)
