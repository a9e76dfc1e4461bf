"""The own view's words are plain: every status of the journey has its plain words, and every group of words a
complainant reads together is written for a reading age of about 9.

The measure: textstat's Flesch-Kincaid grade at most 5 and Flesch reading ease at least 70, over each group of
sentences read together (a status's four answers; each table of steps, letters, measures and hearings; a guide with
the sentences around it; the fixed sentences of the journey, home and letter pages), and no sentence over 20 words.
A reading age of 9 is a US school grade of about 4; the grade is allowed one more because the formula counts "CPS" as
three syllables and the words a complainant must meet ("police", "evidence", "Crown Court") cannot be avoided, and
Flesch-Kincaid is unsteady on a handful of sentences. Reading ease 70 is the bottom of "fairly easy"; the two together
keep out both long sentences and long words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
import textstat
from django.conf import settings

from cases.plain_words import HEARINGS, PLAIN_STEPS, RESULTS, PastStep
from cases.transitions import SuspectStatus
from portal.wording import LETTERS, SPECIAL_MEASURES
from scorecards.guides import GUIDES

MOST_GRADE = 5
LEAST_EASE = 70
MOST_WORDS = 20
SENTENCE_END = re.compile(r"(?<=[.?!:])\s+")


def _readable(texts: Iterable[object]) -> None:
    sentences = [str(text) if str(text).endswith((".", "?", "!", ":")) else f"{text}." for text in texts]
    group = " ".join(sentences)
    assert textstat.flesch_kincaid_grade(group) <= MOST_GRADE, group
    assert textstat.flesch_reading_ease(group) >= LEAST_EASE, group
    for sentence in SENTENCE_END.split(group):
        assert len(sentence.split()) <= MOST_WORDS, sentence


def test_every_status_has_its_plain_words() -> None:
    assert set(PLAIN_STEPS) == set(SuspectStatus)


def test_every_guide_named_is_a_typical_duration() -> None:
    named = {step.guide for step in PLAIN_STEPS.values()} - {None}
    assert named <= set(GUIDES)
    assert set(GUIDES) <= named | {None}, "a guide no status uses"


@pytest.mark.parametrize("status", list(SuspectStatus))
def test_each_status_reads_at_about_age_nine(status: SuspectStatus) -> None:
    step = PLAIN_STEPS[status]
    _readable([step.now, step.meaning, step.next_step, step.who_acts])


def test_the_other_tables_read_at_about_age_nine() -> None:
    _readable(value for name, value in vars(PastStep).items() if not name.startswith("_"))
    _readable(RESULTS.values())
    _readable(HEARINGS.values())
    _readable(LETTERS.values())
    _readable(SPECIAL_MEASURES.values())


@pytest.mark.parametrize("key", list(GUIDES))
def test_each_guide_reads_at_about_age_nine(key: str) -> None:
    """As the page shows it, with its range, where it comes from and the caution after it."""
    _readable([
        GUIDES[key].sentence % {"range": "between 3 and 5 weeks"},
        "This is only a guide. It comes from our figures for cases of West Yorkshire Police over the last year.",
        "Your case may take more or less time.",
    ])  # fmt: skip


TRANSLATED = re.compile(
    r'{% translate "([^"]+)"[^%]*%}|{% blocktranslate[^%]*%}(.+?){% endblocktranslate %}', re.DOTALL
)


# The names GOV.UK gives the footer links of every service: people look for them by these names, so they are kept as
# they are rather than measured as sentences.
GOVUK_FOOTER_NAMES = frozenset({"Support links", "Accessibility statement", "Cookies"})


def _fixed_sentences(template: str) -> list[str]:
    """Every string the template translates, its placeholders filled as a page would fill them."""
    source = (Path(settings.BASE_DIR) / "templates" / "portal" / template).read_text()
    found = [single or block for single, block in TRANSLATED.findall(source) if single not in GOVUK_FOOTER_NAMES]
    filled = [re.sub(r"{{ *(day|force|court) *}}", "Leeds", text) for text in found]
    return [text for text in filled if "{{" not in text]


@pytest.mark.parametrize("template", ["journey.html", "home.html", "letter.html", "base.html"])
def test_the_fixed_sentences_of_the_pages_read_at_about_age_nine(template: str) -> None:
    sentences = _fixed_sentences(template)
    assert len(sentences) > 3
    _readable(sentences)
