"""How the service words things in GOV.UK style: a label within a sentence (acronyms kept), dates and times as the
GOV.UK style guide writes them ("14 May 1996", "9:30am", "midday")."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

# The GOV.UK style guide's short months, where a column is narrow: the first three letters, but "Sept".
_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
MIDDAY = 12
_ACRONYM_CAPITALS = 2


def in_a_sentence(label: str) -> str:
    """The label after a verb ("Select …"): its first letter lower case, unless its first word is an acronym, a word of
    two or more capitals ("CPS Area", "URN", "NFA decisions")."""
    first_word = label.split(" ", 1)[0]
    if sum(letter.isupper() for letter in first_word) >= _ACRONYM_CAPITALS:
        return label
    return f"{label[:1].lower()}{label[1:]}"


def sentence_start(label: str) -> str:
    """The label at the start of a sentence: its first letter a capital, the rest as written (``str.capitalize``
    would lower-case an acronym: "Date of the ptph")."""
    return f"{label[:1].upper()}{label[1:]}"


def day_in_words(day: date, *, short: bool = False) -> str:
    """A date as GOV.UK writes it: "14 May 1996"; ``short`` (a table's narrow column) "14 Sept 1996"."""
    month = _SHORT_MONTHS[day.month - 1] if short else f"{day:%B}"
    return f"{day.day} {month} {day.year}"


def time_in_words(moment: datetime) -> str:
    """A time of day as GOV.UK writes it, in the service's time zone: "9am", "5:30pm", "midday", "midnight"."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    if (local.hour, local.minute) == (MIDDAY, 0):
        return "midday"
    hour = local.hour % MIDDAY or MIDDAY
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < MIDDAY else 'pm'}"


def moment_in_words(moment: datetime, *, short: bool = False) -> str:
    """A date and time: "14 May 1996 at 9:30am"."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{day_in_words(local.date(), short=short)} at {time_in_words(local)}"
