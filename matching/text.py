"""Text normalisation shared by the matcher and the taxonomy.

`normalise` folds spellings (`scripts.fold`), reads Japanese and Khmer job vocabulary as the
English ESCO terms it stands for (`lexicon.Lexicon`), and expands English abbreviations, so
that "溶接工", "ជាងផ្សារដែក" and "Welder" all become "welder".
"""

import re

from .lexicon import Lexicon
from .scripts import fold, has_foreign_script

# Abbreviations common in job titles and CVs, expanded before matching.
ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "eng": "engineer",
    "engr": "engineer",
    "mgr": "manager",
    "mngr": "manager",
    "asst": "assistant",
    "asst.": "assistant",
    "assoc": "associate",
    "dev": "developer",
    "devs": "developers",
    "exec": "executive",
    "admin": "administrator",
    "admn": "administrator",
    "tech": "technician",
    "techn": "technician",
    "acct": "accountant",
    "accts": "accounts",
    "hr": "human resources",
    "it": "information technology",
    "qa": "quality assurance",
    "qc": "quality control",
    "cs": "customer service",
    "ops": "operations",
    "svc": "service",
    "svcs": "services",
    "rep": "representative",
    "reps": "representatives",
    "coord": "coordinator",
    "supv": "supervisor",
    "spvr": "supervisor",
    "supvr": "supervisor",
    "dept": "department",
    "prod": "production",
    "mfg": "manufacturing",
    "maint": "maintenance",
    "elec": "electrical",
    "mech": "mechanical",
    "ops.": "operations",
    "pm": "project manager",
    "ui": "user interface",
    "ux": "user experience",
    "cnc": "cnc",
    "f&b": "food and beverage",
    "fnb": "food and beverage",
    "hse": "health safety environment",
    "dr": "driver",
    "wh": "warehouse",
    "whse": "warehouse",
    "opr": "operator",
    "optr": "operator",
    "clrk": "clerk",
    "recep": "receptionist",
    "hk": "housekeeping",
    "sw": "software",
    "s/w": "software",
    "h/w": "hardware",
    "ae": "account executive",
}
# Combining marks that belong inside a word: Khmer and Thai vowel signs and subscripts,
# Devanagari signs, Latin accents, Japanese voicing marks. (`\w` alone splits at them.)
_MARKS = "\u0300-\u036f\u0900-\u0903\u093a-\u094f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u17b4-\u17d3\u17dd\u3099\u309a"
_WORD = f"[^\\W_][{_MARKS}]*(?:[^\\W_][{_MARKS}]*)*"
_TOKEN = re.compile(f"{_WORD}(?:[./&]{_WORD})*", re.UNICODE)
# "it" typed in lower case is the pronoun ("I mix the dough, shape it") unless a word of IT
# work follows ("it support"); "IT" and "It" stay the abbreviation.
_PRONOUN_IT = re.compile(
    r"(?<=[a-z] )it\b(?!\s+(?:support|technician|staff|officer|engineer|helpdesk|help desk|department"
    r"|skills?|specialist|manager|assistant|administrator|company|companies|sector|field"
    r"|industry|consultant|service|services|teacher|trainer|project|team|infrastructure|security"
    r"|operations|coordinator|intern|internship|graduate|student|degree)\b)"
)


def normalise(text) -> str:
    """Fold spellings, read Japanese and Khmer terms in English, expand abbreviations, keep
    letters and digits (lower case, words separated by one space)."""
    if not text:
        return ""
    text = str(text)
    text = _PRONOUN_IT.sub(" ", text) if " " in text.strip() else text
    folded = fold(text)
    if has_foreign_script(folded):
        folded = Lexicon.default().translate(folded, text)
    words = []
    for token in _TOKEN.findall(folded):
        words.append(ABBREVIATIONS.get(token, token))
    return " ".join(words)


def as_list(value) -> list[str]:
    """A list of strings from a list, a comma/semicolon-separated string or None."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,;、，\n]", value) if part.strip()]
    return [str(v).strip() for v in value if v is not None and str(v).strip()]


# "MIG/MAG welding", "Word/Excel": two words of two letters or more either side of a slash
# (not "s/w", "h/w", which are abbreviations) name two things.
_ALTERNATIVES = re.compile(r"(?<![\w/])([^\W\d_]{2,})/([^\W\d_]{2,})(?![\w/])")


def skill_list(value) -> list[str]:
    """A candidate's skills (`as_list`), a skill written with alternatives read as each:
    "MIG/MAG welding" is "MIG welding" and "MAG welding", "Word/Excel" "Word" and "Excel".

    >>> skill_list("MIG/MAG welding; Word/Excel, s/w testing")
    ['MIG welding', 'MAG welding', 'Word', 'Excel', 's/w testing']
    """
    found: list[str] = []
    for skill in as_list(value):
        match = _ALTERNATIVES.search(skill)
        if match is None or match.group(0).lower() in ABBREVIATIONS:
            found.append(skill)
            continue
        for word in match.groups():
            found.append(skill[: match.start()] + word + skill[match.end() :])
    return found


class OneDocument:
    """Vectorise one short text with a fitted TfidfVectorizer, without its per-call overhead.

    Gives the same L2-normalised TF-IDF values as ``vectorizer.transform([text])`` for
    vectorizers fitted with ``sublinear_tf=True`` and ``norm="l2"`` (the ones used here),
    as a pair of arrays (column indices, values).
    """

    def __init__(self, vectorizer):
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_.astype("float32")

    def __call__(self, text: str):
        import numpy as np

        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for term in self.analyze(text):
            column = vocabulary.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        columns = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[columns]
        norm = float(np.sqrt(values @ values))
        if norm:
            values /= norm
        order = np.argsort(columns)
        return columns[order], values[order].astype(np.float32)
