"""Latin-script words a Khmer or Japanese reader may meet on a page or in a download.

The walk tests (pages, downloads) strip names of seeded people and companies, then fail on
any Latin word not listed here. Each entry is a code, a unit or a term people write in
Latin letters in Khmer and Japanese too (JLPT, CEFR, Excel); a term only here because it
has no translation yet is marked so and counted, so the list shrinks rather than grows.
"""

import re

# Codes and test names that read the same in every language.
CODES = {
    "jlpt", "cefr", "jft", "basic", "n1", "n2", "n3", "n4", "n5",
    "a1", "a2", "b1", "b2", "c1", "c2",
    "usd", "khr", "jpy", "id", "qr", "pdf", "csv", "xlsx", "ics", "api", "json", "url",
    "cv", "tvet", "ssw", "sms", "email", "e", "mail", "ok", "faq", "mm",
}  # fmt: skip

# Words written in Latin letters in Khmer and Japanese text too (tools, standards, brands).
WRITTEN_IN_LATIN = {
    "excel", "word", "sql", "python", "java", "javascript", "php", "html", "css", "cad",
    "autocad", "tig", "mig", "cnc", "plc", "it", "5s", "iso", "gps", "wifi", "telegram",
    "facebook", "line", "google", "microsoft", "office", "sap", "erp", "jobfair",
    # Names: the skills classification credited in the footer, authenticator apps, label
    # sheets sold by their maker's number.
    "esco", "aegis", "freeotp", "authenticator", "avery",
    # Written so in Japanese and Khmer technical text too.
    "webhook", "webhooks",
    "openapi",
}  # fmt: skip

# Terms that have no translation yet: listed, counted and printed by the walk tests.
NO_TRANSLATION_YET: set[str] = set()

ALLOWED = CODES | WRITTEN_IN_LATIN | NO_TRANSLATION_YET

# A word does not start inside a run of letters and digits: "7A-Q3" is one code, not a
# word "A-", and "12mm" one measure.
_LATIN_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z][A-Za-z0-9'’\-]*")


def latin_words(text: str) -> list[str]:
    """Every run of Latin letters in `text` (digits may follow, as in "N4" or "5S")."""
    return _LATIN_WORD.findall(text)


def looks_like_code(word: str) -> bool:
    """A ticket or candidate code, a secret, a file type: digits in it, or capitals only."""
    return any(c.isdigit() for c in word) or (len(word) > 1 and word.upper() == word)


def unexpected_words(text: str, names=()) -> list[str]:
    """Latin words in `text` that are neither a code, a listed word nor one of `names`."""
    for name in sorted(names, key=len, reverse=True):
        if name and name in text:
            # Whole words only: a short name in capitals found inside a random key (the
            # two-factor secret) left a letter of the key behind as a "word".
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", " ", text)
    found = []
    for word in latin_words(text):
        parts = [p for p in re.split(r"[-'’]", word) if p]
        if any(p.lower() not in ALLOWED and not looks_like_code(p) for p in parts):
            found.append(word)
    return found
