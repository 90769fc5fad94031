"""What a reviewer checks: UI strings from the .po catalogs and hand-written vocabulary rows.

Each item has a stable `id` (where it is) and a `fingerprint` (what it says): the ledger
keeps the fingerprint seen by the reviewer, so any later change shows as unreviewed.
"""

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po

LANGUAGES = ("km", "ja")
LANGUAGE_NAMES = {"km": "Khmer", "ja": "Japanese"}
VOCABULARY_FILES = {"km": "km.tsv", "ja": "ja_manual.tsv"}
# The keywords the project's `pybabel extract` uses (COMMON.md, Makefile).
KEYWORDS = ["_l", "lazy_gettext", "ngettext:1,2"]


@dataclass(frozen=True)
class Paths:
    """Where the reviewed files live under one checkout (tests point it at a copy)."""

    root: Path

    @property
    def catalogs(self) -> Path:
        return self.root / "jobfair" / "translations"

    def catalog(self, language: str) -> Path:
        return self.catalogs / language / "LC_MESSAGES" / "messages.po"

    def vocabulary(self, language: str) -> Path:
        return self.root / "matching" / "data" / "lexicon" / VOCABULARY_FILES[language]

    @property
    def ledger(self) -> Path:
        return self.catalogs / "review-ledger.tsv"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"


@dataclass(frozen=True)
class Item:
    """One reviewable text: a UI string's translation or a vocabulary row's term."""

    id: str
    kind: str  # "ui" or "vocabulary"
    language: str
    english: str
    text: str  # the translation (ui) or the Khmer/Japanese term (vocabulary)
    detail: str  # the English plural (ui) or the term's kind (vocabulary)
    context: str
    fingerprint: str
    # Where to write a correction: (msgctxt, msgid, plural index) or the TSV line number.
    locator: tuple


def digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:12]


def ui_id(language: str, msgctxt: str | None, msgid: str, index: int) -> str:
    return f"{language}-ui-{digest(msgctxt or '', msgid, str(index))}"


def ui_fingerprint(msgid: str, plural: str, translation: str) -> str:
    return digest(msgid, plural, translation)


def vocabulary_id(language: str, term: str, english: str, kind: str) -> str:
    return f"{language}-vocab-{digest(term, english, kind)}"


def read_catalog(path: Path, language: str):
    return read_po(io.BytesIO(path.read_bytes()), locale=language)


def ui_items(paths: Paths, language: str, source_root: Path) -> list[Item]:
    """Every translated message of the language's catalog, one item per plural form."""
    catalog = read_catalog(paths.catalog(language), language)
    used = where_used(str(source_root))
    items = []
    for message in catalog:
        if not message.id:
            continue  # the header
        if isinstance(message.id, tuple | list):
            msgid, plural = message.id[0], message.id[1]
            strings = list(message.string) if message.string else [""]
        else:
            msgid, plural, strings = message.id, "", [message.string or ""]
        context = used.get((message.context, msgid), "not found in the source")
        if message.context:
            context = f"[{message.context}] {context}"
        for index, translation in enumerate(strings):
            items.append(
                Item(
                    id=ui_id(language, message.context, msgid, index),
                    kind="ui",
                    language=language,
                    english=msgid,
                    text=translation,
                    detail=plural,
                    context=context,
                    fingerprint=ui_fingerprint(msgid, plural, translation),
                    locator=(message.context, msgid, index),
                )
            )
    return items


def vocabulary_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, columns) of every row that is not a comment or blank."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append((number, line.split("\t")))
    return rows


def vocabulary_items(paths: Paths, language: str) -> list[Item]:
    """Every hand-written row of the language's vocabulary file (term, English, kind)."""
    path = paths.vocabulary(language)
    items = []
    for number, columns in vocabulary_rows(path):
        term, english, kind = (columns + ["", "", ""])[:3]
        source = columns[3] if len(columns) > 3 else ""
        item_id = vocabulary_id(language, term, english, kind)
        items.append(
            Item(
                id=item_id,
                kind="vocabulary",
                language=language,
                english=english,
                text=term,
                detail=kind,
                context=f"{path.name} line {number}" + (f" ({source})" if source else ""),
                fingerprint=item_id.rsplit("-", 1)[1],
                locator=(number,),
            )
        )
    return items


def all_items(paths: Paths, source_root: Path, languages=LANGUAGES) -> list[Item]:
    items = []
    for language in languages:
        items += ui_items(paths, language, source_root)
    for language in languages:
        items += vocabulary_items(paths, language)
    return items


@functools.lru_cache(maxsize=4)
def where_used(source_root: str) -> dict[tuple, str]:
    """(msgctxt, msgid) → the files and lines that use it, found as `pybabel extract` does."""
    root = Path(source_root)
    with open(root / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update(parse_keywords(KEYWORDS))
    places: dict[tuple, list[str]] = {}
    comments_of: dict[tuple, list[str]] = {}
    for filename, line, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords
    ):
        msgid = message[0] if isinstance(message, tuple | list) else message
        key = (context, msgid)
        places.setdefault(key, [])
        if f"{filename}:{line}" not in places[key]:
            places[key].append(f"{filename}:{line}")
        comments_of.setdefault(key, []).extend(c for c in comments if c)
    described = {}
    for key, found in places.items():
        text = ", ".join(found[:4]) + (f" (+{len(found) - 4} more)" if len(found) > 4 else "")
        if comments_of.get(key):
            text += " — " + " ".join(dict.fromkeys(comments_of[key]))
        described[key] = text
    return described
