"""Each rule written once: which interview slots are free, what "nearly" means, which levels
a language has, and how a number typed in Khmer digits reads."""

import re
from datetime import timedelta

import pytest

from jobfair import fields, labels
from jobfair.candidates import jobs
from jobfair.employers import interviews
from jobfair.employers.forms import RoleForm
from matching import Matcher, levels


def test_the_recruiter_and_the_candidate_see_the_same_free_slots(fair):
    """A slot that starts right now has begun: neither list offers it; a second before, both."""
    starts = fair.slots[0].starts_at
    assert interviews.free_slots(fair.exhibitor, now=starts) == fair.slots[1:]
    assert jobs.free_slots(fair.role, now=starts) == fair.slots[1:]
    before = starts - timedelta(seconds=1)
    assert interviews.free_slots(fair.exhibitor, now=before) == fair.slots
    assert jobs.free_slots(fair.role, now=before) == fair.slots


JAPANESE = {0: None, 1: "N5", 2: "N4", 3: "N3", 4: "N2", 5: "N1", 10: "native"}


@pytest.mark.parametrize("required", [level for level in JAPANESE.values() if level])
def test_the_matcher_reads_nearly_as_the_levels_module_says(required):
    """must_status and the score's factors tabulate levels.status_for_rank, rank by rank."""
    candidates = [
        {"id": have, "headline": "worker", "languages": [f"Japanese {level}"] if level else []}
        for have, level in JAPANESE.items()
    ]
    matcher = Matcher(nearly_penalty=0.5, not_met_penalty=0.25).fit(candidates)
    need = levels.parse_language(f"Japanese {required}").rank
    role = {"title": "worker", "languages": [{"language": "Japanese", "level": required,
                                              "must": True}]}  # fmt: skip
    statuses = matcher.must_status(role)
    assert statuses == {have: levels.status_for_rank(have, need) for have in JAPANESE}
    scores = {r.candidate_id: r.score for r in matcher.rank(role, k=None, hard_filters=False)}
    nearly = [have for have in JAPANESE if statuses[have] == "nearly"]
    assert len(nearly) <= 1 and nearly == [levels.nearly_rank(need)] * len(nearly)
    met = [have for have in JAPANESE if statuses[have] == "met"]
    assert all(scores[n] > scores[0] for n in nearly if 0 in scores)
    assert all(scores[m] >= scores[n] for m in met for n in nearly)


def test_one_scale_for_labels_forms_and_the_model():
    assert labels.JLPT_LEVELS == tuple(levels.JAPANESE_LEVELS)
    assert labels.CEFR_LEVELS == tuple(levels.CEFR_LEVELS)
    offered = set(labels.LANGUAGE_LEVEL_LABELS)
    assert offered == set(levels.JAPANESE_SCALE) | set(levels.CEFR_SCALE)
    assert set(fields.JAPANESE_CHOICES) - {""} == set(levels.JAPANESE_SCALE)
    assert set(fields.CEFR_CHOICES) - {""} == set(levels.CEFR_SCALE)


def test_a_role_form_offers_jft_basic_and_refuses_cefr_for_japanese(app, fair):
    with app.test_request_context(method="POST"):
        form = RoleForm(meta={"csrf": False}, events=[fair.event])
        level_choices = {c[0] for c in form.languages.entries[0].form.level.iter_choices()}
    assert levels.JFT_BASIC in level_choices


@pytest.mark.parametrize(
    "typed, number", [("១៩៩៥", 1995), ("１９９５", 1995), (" 2001 ", 2001), ("៣", 3)]
)
def test_number_fields_read_every_scripts_digits_and_render_as_text(app, typed, number):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    class Form(FlaskForm):
        year = fields.NumberField("Year")

    with app.test_request_context(method="POST"):
        form = Form(formdata=MultiDict({"year": typed}), meta={"csrf": False})
        assert form.validate() and form.year.data == number
        html = str(form.year())
    # A number input (type=number) drops Khmer digits in the browser and sends nothing.
    assert 'type="text"' in html and 'inputmode="numeric"' in html
    assert not re.search(r'type="number"', html)


def test_every_number_field_of_every_form_is_a_number_field():
    from wtforms import IntegerField

    from jobfair.candidates import forms as candidate_forms
    from jobfair.employers import forms as employer_forms

    found = []
    for module in (candidate_forms, employer_forms):
        for form in vars(module).values():
            if isinstance(form, type) and hasattr(form, "_unbound_fields"):
                for name in dir(form):
                    unbound = getattr(form, name)
                    if getattr(unbound, "field_class", None) is not None and issubclass(
                        unbound.field_class, IntegerField
                    ):
                        found.append((form.__name__, name, unbound.field_class))
    assert found and all(cls is fields.NumberField for _f, _n, cls in found), found


def test_an_interview_slot_ends_after_it_starts_whoever_makes_it(fair):
    from jobfair.models import InterviewSlot
    from jobfair.models.rules import InvalidValue

    start = fair.slots[0].starts_at
    with pytest.raises(InvalidValue):
        InterviewSlot(exhibitor=fair.exhibitor, starts_at=start, ends_at=start)
    with pytest.raises(InvalidValue):
        fair.slots[0].ends_at = start - timedelta(minutes=5)
