"""The one identity screen for free text that leaves a case: before a caseworker's words reach an e-mail, a
notification, a reminder, the timeline, the JOIM agenda, a scrutiny pack or any download, every trace of the case's
people in them is replaced by the person's label ("Complainant A", "Suspect 1").

What it looks for, for each person the identity sources name:

- each part of the name, of two letters or more, and the whole name: hyphenated parts together and apart, with or
  without a possessive or plural ending ("Qqqqrstu's", "Qqqqrstus", "Vwxyz'"), in any case;
- the date of birth in its common written forms (2 March 1990, 2nd Mar 1990, March 2, 1990, 02/03/1990, 2.3.90,
  1990-03-02);
- each address line that names a place more than a town does (two words or more, or a number), and the postcode with
  or without its space;
- the phone number with any spacing, and with 0 or +44 in front;
- the e-mail address, and its local part whole and in pieces.

One-letter parts of a name (an initial, the O of O'Brien) are not looked for: alone they identify nobody, and every
"a" would go. The people come from identity sources: the suspects' names here, and complainants' identities from the
victims app, which registers its source (``identity_source``) so that cases never imports it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from cases.models import Suspect

SHORTEST_NAME_PART = 2
SHORTEST_PHONE = 6
PLACE_WORDS = 2  # an address line of one word is a town, and would take the town out of every court's name
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ENDINGS = r"(?:['\u2019](?:s\b)?|s|es)?"  # possessive or plural: Qqqqrstu's, Qqqqrstus, Vwxyz'
DASHES = r"\-\u2010\u2011\u2012\u2013\u2014"  # hyphens and dashes, for a character class
# A label is kept as it is, even where a name has a word of it ("Suspect 1" of a suspect named "Named Suspect").
LABEL = r"(?-i:(?<!\w)(?:Suspect \d+|Complainant [A-Z]{1,2})(?!\w))"
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Identity:
    """What the screen looks for of one person, and the label that replaces it."""

    label: str
    name: str = ""
    date_of_birth: str = ""  # YYYY-MM-DD
    address: str = ""
    phone: str = ""
    email: str = ""


IdentitySource = Callable[[Collection[int]], Iterable[tuple[int, Identity]]]
_SOURCES: list[IdentitySource] = []


def identity_source(source: IdentitySource) -> IdentitySource:
    """Register a source of the people of cases: given case ids, it yields (case id, identity) pairs."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


@identity_source
def suspects(case_ids: Collection[int]) -> Iterable[tuple[int, Identity]]:
    for case_id, label, name in (
        Suspect.objects.filter(case_id__in=case_ids).exclude(name="").values_list("case_id", "label", "name")
    ):
        yield case_id, Identity(label=label, name=name)


def _words(text: str) -> str:
    """A phrase as a pattern: its words in order, with any spacing, commas or dashes between them."""
    return rf"[\s,{DASHES}]+".join(re.escape(word) for word in re.split(rf"[\s,{DASHES}]+", text.strip()) if word)


def _whole(pattern: str) -> str:
    return rf"(?<!\w){pattern}(?!\w)"


# A pattern with its weight: where several could match at one place, the heaviest (the longest) is tried first.
Weighted = tuple[int, str]
EXACT = 1000  # dates, phone numbers and e-mail addresses before any name or address line


def _name_patterns(name: str) -> list[Weighted]:
    """The whole name, each hyphenated word, and each part, each with its endings."""
    words = [word for word in re.split(r"[\s,]+", name.strip()) if word]
    pieces = {name.strip(), *words}
    for word in words:
        pieces.update(re.split(rf"[{DASHES}'\u2019.]+", word))
    return [(len(p), _whole(_words(p) + ENDINGS)) for p in pieces if len(p) >= SHORTEST_NAME_PART]


def _date_of_birth_patterns(value: str) -> list[Weighted]:
    try:
        born = date.fromisoformat(value.strip())
    except ValueError:
        return [(EXACT, _whole(re.escape(value.strip())))] if value.strip() else []
    day = rf"0?{born.day}"
    ordinal = rf"{day}(?:st|nd|rd|th)?"
    month_name = MONTHS[born.month - 1]
    month_words = rf"(?:{month_name}|{month_name[:3]}\.?)"
    month = rf"0?{born.month}"
    year = rf"(?:{born.year}|{born.year % 100:02d})"
    sep = r"\s*[/.\-]\s*"
    forms = [
        rf"(?<!\d){born.year}{sep}{month}{sep}{day}(?!\d)",
        rf"(?<!\d){day}{sep}{month}{sep}{year}(?!\d)",
        rf"(?<!\d){month}{sep}{day}{sep}{year}(?!\d)",
        rf"(?<!\w){ordinal}\s+(?:of\s+)?{month_words},?\s+{year}(?!\w)",
        rf"(?<!\w){month_words}\s+{ordinal},?\s+{year}(?!\w)",
    ]
    return [(EXACT, form) for form in forms]


def _address_patterns(address: str) -> list[Weighted]:
    patterns = [
        (EXACT, rf"\b{re.escape(outward)}\s*{re.escape(inward)}\b") for outward, inward in POSTCODE.findall(address)
    ]
    for typed in re.split(r"[\n\r,]+", POSTCODE.sub("", address)):
        line = typed.strip()
        if len(line.split()) >= PLACE_WORDS or re.search(r"\d", line):
            patterns.append((len(line), _whole(_words(line))))
            street = re.sub(r"^(?:flat\s+)?\d+\w?\s+", "", line, flags=re.IGNORECASE)
            if street != line and len(street.split()) >= PLACE_WORDS:
                patterns.append((len(street), _whole(_words(street))))
    return patterns


def _phone_patterns(phone: str) -> list[Weighted]:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < SHORTEST_PHONE:
        return []
    gap = r"[\s\-.()]*"
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if digits.startswith("0"):
        prefix = rf"(?:0|\+?{gap}44{gap}(?:\(0\){gap})?)"
        return [(EXACT, rf"(?<![\d+]){prefix}{gap}{gap.join(digits[1:])}(?!\d)")]
    return [(EXACT, rf"(?<!\d){gap.join(digits)}(?!\d)")]


def _email_patterns(email: str) -> list[Weighted]:
    email = email.strip()
    if "@" not in email:
        return []
    local = email.split("@", 1)[0]
    whole = rf"(?<![\w.+-]){re.escape(email)}(?![\w.-])"
    return [
        (EXACT + len(email), whole),
        (len(local), rf"(?<![\w.+-]){re.escape(local)}(?![\w+-]|\.\w)"),
        *_name_patterns(" ".join(re.split(r"[._+\-\d]+", local))),
    ]


def _patterns(identity: Identity) -> list[Weighted]:
    return [
        *_email_patterns(identity.email),
        *_date_of_birth_patterns(identity.date_of_birth),
        *_phone_patterns(identity.phone),
        *_address_patterns(identity.address),
        *_name_patterns(identity.name),
    ]


class _CaseScreen:
    """One case's people compiled into one pattern, heaviest alternative first; a match is replaced by the label of
    the person it belongs to."""

    def __init__(self, people: list[Identity]) -> None:
        weighted = [
            (weight, pattern, identity.label) for identity in people for weight, pattern in _patterns(identity)
        ]
        weighted.sort(key=lambda item: -item[0])
        self.labels = {f"g{number}": label for number, (_, _, label) in enumerate(weighted)}
        alternatives = "|".join(f"(?P<g{number}>{pattern})" for number, (_, pattern, _) in enumerate(weighted))
        self.pattern = re.compile(f"(?P<label>{LABEL})|{alternatives}", re.IGNORECASE) if weighted else None

    def _replacement(self, match: re.Match[str]) -> str:
        return match.group() if match.lastgroup == "label" else self.labels[match.lastgroup or ""]

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._replacement, text)


class Screen:
    """The identity screen for the free text of some cases, their people read once (one query per source)."""

    def __init__(self, case_ids: Iterable[int]) -> None:
        ids = set(case_ids)
        people: dict[int, list[Identity]] = defaultdict(list)
        if ids:
            for source in _SOURCES:
                for case_id, identity in source(ids):
                    people[case_id].append(identity)
        self._people = people
        self._screens: dict[int, _CaseScreen] = {}

    def __call__(self, case_id: int, text: str) -> str:
        if case_id not in self._screens:
            self._screens[case_id] = _CaseScreen(self._people.get(case_id, []))
        return self._screens[case_id](text)


def screened(case_id: int, text: str) -> str:
    """Free text of one case, every trace of its people replaced by their labels."""
    return Screen([case_id])(case_id, text)
