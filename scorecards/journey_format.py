"""The journey import format, version 1 (INTERCHANGE.md): one JSON object a line, each an event with its fields.
This module reads and checks single lines; ``scorecards.journey_import`` checks them against each other and writes.
Fields the format does not name are ignored (the project may accept more than the contract, never less).

Every field is typed and bounded (the constants below), so that no line, however written, makes the importer build
more than a line's worth of records or fail with anything but a bad line naming its number and reason."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from cases.characteristics import AgeBand, Ethnicity, Sex, YesNo
from cases.models import validate_urn
from cases.models.court import Court, Hearing, HearingKind, Result
from cases.models.precharge import CrimeOutcome, DecisionOutcome, DecisionTest, ReferralKind
from victims.models.complainant import WithdrawalStage
from victims.models.review import SurveyQuestion
from web.parsers import nested_too_deep

logger = logging.getLogger(__name__)

# The bounds of version 1. A line over any of them is a bad line.
MAX_LINE_BYTES = 64 * 1024  # a line, in bytes, before it is read as JSON
MAX_NESTING = 32  # arrays and objects within each other on one line (a line's own object is the first)
MAX_TEXT = 200  # names of forces and Areas, a judge's direction: the longest name or label the service stores
MAX_LABEL = 30  # suspect, complainant and plan labels, as the service stores them
MAX_COURT_NAME = Hearing._meta.get_field("court_name").max_length or MAX_TEXT  # a court by name, as stored
MAX_ACTIONS = 50  # actions in one action plan, as many as the API takes in one plan
MAX_CODES = 50  # offence codes or flags in one list
MAX_CODE = 60  # characters in one offence code or flag, as the service stores them
EARLIEST_DATE = date(1900, 1, 1)  # no case history goes back further; before it dates are mistakes
MAX_SHOWN = 40  # characters of an unknown value quoted back in a bad line's reason
LETTER_KINDS = ("hello", "point_of_charge", "nfa", "discontinuance", "charge_altered")


class FieldError(ValueError):
    pass


Check = Callable[[Any], Any]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _shown(value: Any) -> str:
    """A value the line sent, quoted back in a reason: cut short."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}…"


def _date(value: Any) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise FieldError("must be a date written YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"“{value}” is not a real date") from None
    if day < EARLIEST_DATE:
        raise FieldError(f"“{value}” is before {EARLIEST_DATE:%Y-%m-%d}")
    return day


def _optional_date(value: Any) -> date | None:
    return None if value is None else _date(value)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError("must be text")
    if len(value) > MAX_TEXT:
        raise FieldError(f"is longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise FieldError("contains a NUL character")
    return value.strip()


def _label(value: Any) -> str:
    text = _text(value)
    if len(text) > MAX_LABEL:
        raise FieldError(f"is longer than {MAX_LABEL} characters")
    return text


def _urn(value: Any) -> str:
    text = _text(value)
    try:
        validate_urn(text)
    except Exception:
        raise FieldError(f"“{text}” is not a URN: 2-digit force code, 2 letters or digits, 7 digits") from None
    return text


def _court_name(value: Any) -> str:
    text = _text(value)
    if len(text) > MAX_COURT_NAME:
        raise FieldError(f"is longer than {MAX_COURT_NAME} characters")
    return text


def _outcome_code(value: Any) -> str:
    """A Home Office crime outcome, written as text ("16") or as a number (16)."""
    code = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if code not in CrimeOutcome.values:
        raise FieldError(f"must be a Home Office outcome: one of {', '.join(CrimeOutcome.values)}")
    return str(code)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldError("must be true or false")
    return value


def _actions(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ACTIONS:
        raise FieldError(f"must be a whole number from 1 to {MAX_ACTIONS}")
    return value


def _codes(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FieldError("must be a list of codes")
    if len(value) > MAX_CODES:
        raise FieldError(f"has more than {MAX_CODES} codes")
    if not all(0 < len(item) <= MAX_CODE and "\x00" not in item for item in value):
        raise FieldError(f"must be a list of codes of 1 to {MAX_CODE} characters")
    return list(dict.fromkeys(value))


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise FieldError(f"must be one of {', '.join(choices)}")
        return str(value)

    return check


def _yes_no(value: Any) -> str:
    """Disability as true/false, or as the service's yes / no / not_recorded."""
    if isinstance(value, bool):
        return YesNo.YES if value else YesNo.NO
    return _one_of(*YesNo.values)(value)


SEX, AGE, ETHNICITY = _one_of(*Sex.values), _one_of(*AgeBand.values), _one_of(*Ethnicity.values)

# Each event's fields: name → check; a name ending in "?" is optional.
EVENTS: dict[str, dict[str, Check]] = {
    "case_reported": {
        "urn": _urn,
        "date": _date,
        "police_force": _text,
        "cps_area": _text,
        "offences": _codes,
        "flags?": _codes,
    },
    "suspect_added": {"urn": _urn, "suspect": _label, "in_custody?": _bool, "sex?": SEX, "age_band?": AGE,
                      "ethnicity?": ETHNICITY},
    "complainant_added": {"urn": _urn, "complainant": _label, "enhanced_rights?": _bool, "sex?": SEX,
                          "age_band?": AGE, "ethnicity?": ETHNICITY, "disability?": _yes_no},
    "referral_received": {"urn": _urn, "suspect": _label, "date": _date, "kind": _one_of(*ReferralKind.values)},
    "early_advice_given": {"urn": _urn, "suspect": _label, "date": _date},
    "action_plan_set": {"urn": _urn, "suspect": _label, "date": _date, "plan": _label, "actions": _actions},
    "action_plan_answered": {"urn": _urn, "plan": _label, "date": _date},
    "prfi": {"urn": _urn, "suspect": _label, "date": _date},
    "decision": {"urn": _urn, "suspect": _label, "date": _date, "outcome": _one_of(*DecisionOutcome.values),
                 "test?": _one_of(*DecisionTest.values)},
    # Beyond the contract, accepted when sent: a police NFA's Home Office outcome, a hearing's court by name.
    "police_nfa": {"urn": _urn, "suspect": _label, "date": _date, "outcome_code?": _outcome_code},
    "hearing": {"urn": _urn, "suspect": _label, "date": _date, "court": _one_of(*Court.values),
                "kind": _one_of(*HearingKind.values), "court_name?": _court_name},
    "plea": {"urn": _urn, "suspect": _label, "date": _date, "plea": _one_of("guilty", "not_guilty")},
    "outcome": {"urn": _urn, "suspect": _label, "date": _date, "result": _one_of(*Result.values)},
    "judge_direction": {"urn": _urn, "direction": _text, "set_on": _date, "due_on": _date,
                        "complied_on?": _optional_date},
    "victim_letter": {"urn": _urn, "complainant": _label, "kind": _one_of(*LETTER_KINDS),
                      "decision_on?": _optional_date, "sent_on?": _optional_date},
    "complainant_withdrew": {"urn": _urn, "complainant": _label, "date": _date,
                             "stage": _one_of(*WithdrawalStage.values)},
    "survey_response": {"date": _date, "question": _one_of(*SurveyQuestion.values), "agree": _bool,
                        "cps_area?": _text},
}  # fmt: skip


@dataclass(frozen=True)
class Event:
    line: int
    name: str
    fields: dict[str, Any]

    @property
    def urn(self) -> str | None:
        return self.fields.get("urn")

    @property
    def on(self) -> date | None:
        """The date that orders the event within its case."""
        for name in ("date", "set_on", "decision_on", "sent_on"):
            if self.fields.get(name) is not None:
                return self.fields[name]
        return None


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str


def _fields(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """The event's fields, checked; a FieldError names every problem."""
    fields: dict[str, Any] = {}
    problems = []
    for key, check in EVENTS[name].items():
        field = key.rstrip("?")
        if data.get(field) is None:
            if not key.endswith("?"):
                problems.append(f"“{field}” is missing")
            continue
        try:
            fields[field] = check(data[field])
        except FieldError as error:
            problems.append(f"“{field}” {error}")
    if problems:
        raise FieldError(f"{name}: {'; '.join(problems)}")
    return fields


def _too_big(raw: bytes) -> str | None:
    """Why the line is refused before it is read as JSON, if it is."""
    if len(raw) > MAX_LINE_BYTES:
        return f"the line is longer than {MAX_LINE_BYTES // 1024} KiB"
    if nested_too_deep(raw, MAX_NESTING):
        return f"the line nests arrays and objects more than {MAX_NESTING} deep"
    return None


def _decode(number: int, raw: bytes) -> Any:
    """The line's JSON, or the reason it is not JSON (a LineError)."""
    if refused := _too_big(raw):
        return LineError(number, refused)
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        return LineError(number, "the line is not UTF-8 text")
    except json.JSONDecodeError as error:
        return LineError(number, f"not valid JSON ({error.msg} at character {error.colno})")
    except RecursionError:
        return LineError(number, f"the line nests arrays and objects more than {MAX_NESTING} deep")
    except ValueError:  # an integer of thousands of digits: Python refuses to read it
        return LineError(number, "not valid JSON (a number with too many digits)")


def _parse(number: int, raw: bytes) -> Event | LineError:
    data = _decode(number, raw)
    if isinstance(data, LineError):
        return data
    if not isinstance(data, dict):
        return LineError(number, 'the line is not a JSON object: expected {"event": …, …}')
    name = data.get("event")
    if not isinstance(name, str) or name not in EVENTS:
        return LineError(number, f"unknown event “{_shown(name)}”: expected one of {', '.join(EVENTS)}")
    try:
        return Event(number, name, _fields(name, data))
    except FieldError as error:
        return LineError(number, str(error))


def parse_line(number: int, raw: bytes) -> Event | LineError:
    """One line of the file as an event, or the reason it is not one: never an exception."""
    try:
        return _parse(number, raw)
    except Exception:  # a line the checks above did not foresee is still a bad line, not a failed import
        logger.exception("journey import: line %d could not be read", number)
        return LineError(number, "the line could not be read as an event of version 1")


def read_lines(lines: Iterable[bytes]) -> Iterator[Event | LineError]:
    """Every non-blank line of a file, numbered from 1."""
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped:
            yield parse_line(number, stripped)
