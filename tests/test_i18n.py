"""Every message is translated into Khmer and Japanese; no template text escapes translation."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "jobfair" / "translations"
TEMPLATES = ROOT / "templates"
LOCALES = ("km", "ja")

# Attributes people read or hear; their values must go through _() too.
READABLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "value"}
LETTERS = re.compile(r"[A-Za-z]{2,}")
MARK = "\x00"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """The messages in the code today, extracted as `make extract-messages` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(extracted, locale):
    with open(CATALOGS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated[key] = message.fuzzy is False and all(strings)
    missing = sorted(m for m in extracted if m not in translated)
    untranslated = sorted(m for m in extracted if m in translated and not translated[m])
    assert not missing, (
        f"{len(missing)} messages not in the {locale} catalog (make update-messages): {missing[:10]}"
    )
    assert not untranslated, (
        f"{len(untranslated)} untranslated or fuzzy in {locale}: {untranslated[:10]}"
    )


def test_catalogs_keep_placeholders(extracted):
    for locale in LOCALES:
        with open(CATALOGS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
            for message in read_po(handle):
                if not message.id or not isinstance(message.id, str) or not message.string:
                    continue
                wanted = sorted(re.findall(r"%\(\w+\)s", message.id))
                assert sorted(re.findall(r"%\(\w+\)s", message.string)) == wanted, (
                    locale,
                    message.id,
                )


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        attributes = dict(attrs)
        shown_value = tag == "input" and attributes.get("type") in ("submit", "button", "reset")
        for name, value in attrs:
            if name == "value" and not shown_value:
                continue
            if name in READABLE_ATTRIBUTES and value and LETTERS.search(value.replace(MARK, " ")):
                self.found.append(value.replace(MARK, "").strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        text = data.replace(MARK, " ")
        if not self._skip and LETTERS.search(text):
            self.found.append(" ".join(text.split()))


def literal_text(source: str) -> list[str]:
    """Human-readable text in a template that does not go through a {{ _() }} call."""
    masked = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", MARK, source, flags=re.S)
    collector = _TextCollector()
    collector.feed(masked)
    collector.close()
    return collector.found


def test_templates_have_no_untranslatable_text():
    offenders = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        literals = literal_text(path.read_text(encoding="utf-8"))
        if literals:
            offenders[str(path.relative_to(ROOT))] = literals[:5]
    assert offenders == {}


def test_the_literal_text_check_catches_what_it_should():
    source = (
        '<p>Hello</p><img alt="Logo"><p>{{ _("Fine") }}</p><a title="{{ _(\'x\') }}">{{ x }}</a>'
        '<button name="a" value="code">{{ _("Go") }}</button><input type="submit" value="Send">'
    )
    assert sorted(literal_text(source)) == ["Hello", "Logo", "Send"]
