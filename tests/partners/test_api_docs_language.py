"""The API docs page speaks the reader's language; the JSON document stays English."""

import html
import re

import pytest

from tests.support.latin_words import unexpected_words

CODE = re.compile(r"<code[^>]*>.*?</code>", re.S)
TAG = re.compile(r"<[^>]+>")


def main_text(page: str) -> str:
    """The page's own content as a reader sees it, code samples left out."""
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(TAG.sub(" ", CODE.sub(" ", main)))


@pytest.mark.parametrize(("locale", "word"), [("ja", "トークン"), ("km", "ថូខឹន")])
def test_the_docs_page_reads_in_the_readers_language(client, locale, word):
    with client.session_transaction() as session:
        session["locale"] = locale
    page = client.get("/api/v1/docs").get_data(as_text=True)
    text = main_text(page)
    assert word in text
    assert unexpected_words(text) == []


def test_the_json_document_stays_english_whatever_the_readers_language(client):
    with client.session_transaction() as session:
        session["locale"] = "ja"
    document = client.get("/api/v1/openapi.json").json
    assert document["paths"]["/me"]["get"]["summary"] == "Who the token belongs to"
    assert document["info"]["description"].startswith("Read and write the job fair's data")
