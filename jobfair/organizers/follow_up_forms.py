"""The follow-up composer: its segment, and a subject and body per language written."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from ..fields import STRIP
from ..labels import POSTING_LANGUAGE_LABELS
from ..models.follow_ups import FOLLOW_UP_LANGUAGES
from .segment_forms import SegmentForm


def _subject():
    return StringField(_l("Subject"), validators=[Optional(), Length(max=200)], filters=STRIP)


def _body():
    return TextAreaField(_l("Message"), validators=[Optional(), Length(max=5000)], filters=STRIP)


class FollowUpForm(SegmentForm):
    subject_en, body_en = _subject(), _body()
    subject_km, body_km = _subject(), _body()
    subject_ja, body_ja = _subject(), _body()

    def languages(self):
        """(code, label, subject field, body field) for each language, in order."""
        return [
            (code, POSTING_LANGUAGE_LABELS[code], self[f"subject_{code}"], self[f"body_{code}"])
            for code in FOLLOW_UP_LANGUAGES
        ]

    def texts(self) -> dict:
        return {
            code: {"subject": subject.data or "", "body": body.data or ""}
            for code, _label, subject, body in self.languages()
            if subject.data
        }

    def fill_texts(self, texts: dict) -> None:
        for code, _label, subject, body in self.languages():
            text = texts.get(code) or {}
            subject.data = text.get("subject", "")
            body.data = text.get("body", "")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        written = 0
        for _code, _label, subject, body in self.languages():
            if subject.data and not body.data:
                body.errors.append(_l("Write the message too, or clear its subject."))
                valid = False
            elif body.data and not subject.data:
                subject.errors.append(_l("Give the message a subject too, or clear it."))
                valid = False
            elif subject.data:
                written += 1
        if valid and not written:
            self.subject_en.errors.append(_l("Write the follow-up in at least one language."))
            valid = False
        return valid
