"""The timeline's wording: what a person reads of an event, worded when it is read from one table (verb → wording,
ready for translation) and the facts the event's payload holds. Reading costs no query.

A payload holds facts, never a sentence: labels ("Suspect 1", "Plan 2", a letter's short name; never a person's
name), the codes of the case records' choices (worded here from their choices), dates and moments as ISO strings
(written out here: "14 May 1996", "14 May 1996 at 9:30am"), numbers and true-or-false facts; and, under the keys in
``QUOTED``, the words a caseworker typed, which ``record_event`` screens for the case's people as it records them
(as the summary was screened when it was stored whole). Where a verb is worded in several ways, the optional facts
present and true choose the wording: a dictionary keyed by their names, joined with "+" in alphabetical order (""
when none is). An event recorded before the table keeps the text it was recorded with (``{"text": …}``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cases.models import Plea
from cases.models.court import HearingKind, Result, TrialOutcome
from cases.models.precharge import CrimeOutcome, DecisionOutcome, DecisionTest, RejectionReason
from cases.models.timeline import Verb
from cases.transitions import ReferralKind
from govuk.wording import day_in_words, moment_in_words

SUMMARY_LENGTH = 300  # the most of an event a timeline shows
RECORDED_TEXT = "text"  # the payload of an event recorded before the wording table: its text, shown as it was
QUOTED = frozenset({"court", "direction", "reason", "sentence"})  # caseworkers' words, screened when recorded
# A date, or a moment, as a payload records it (ISO 8601), written out when read: "14 May 1996", "… at 9:30am".
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")

Fact = str | int | bool | date | list[str] | None  # a date is recorded as its ISO string
Wording = Promise | dict[str, Promise]

WORDING: dict[Verb, Wording] = {
    Verb.CASE_OPENED: _("Case %(urn)s opened"),
    Verb.SUSPECT_ADDED: _("%(suspect)s added"),
    Verb.EARLY_ADVICE_REQUESTED: _("Early advice requested for %(suspect)s; due %(due_on)s"),
    Verb.EARLY_ADVICE_GIVEN: {
        "": _("Early advice given for %(suspect)s"),
        "late": _("Early advice given for %(suspect)s (late)"),
    },
    Verb.REFERRED_FOR_CHARGING_DECISION: {
        "": _("%(suspect)s referred for a charging decision; due %(due_on)s"),
        "priority": _("%(suspect)s referred for a charging decision (priority: in custody); due %(due_on)s"),
    },
    Verb.FILE_TRIAGED: {
        "": _("File for %(suspect)s accepted for review"),
        "rejection_reasons": _("File for %(suspect)s rejected: %(rejection_reasons)s"),
    },
    Verb.CHARGING_DECISION_RECORDED: _("%(suspect)s: %(decision_outcome)s (%(decision_test)s)"),
    Verb.PRFI: _("%(referral_kind)s file for %(suspect)s closed as PRFI"),
    Verb.REOPENED_AFTER_PRFI: _(
        "%(referral_kind)s referral for %(suspect)s received again after PRFI; due %(due_on)s"
    ),
    Verb.POLICE_NFA: _("No further action by police for %(suspect)s (Home Office outcome %(crime_outcome)s)"),
    Verb.REFERRED_BACK_FOR_REVIEW: _(
        "NFA scrutiny panel referred %(suspect)s back for further review: police review reopened"
    ),
    Verb.SENT_TO_CROWN_COURT: {
        "": _("%(suspect)s sent to the Crown Court"),
        "remanded": _("%(suspect)s sent to the Crown Court (remanded in custody)"),
    },
    Verb.HEARING_LISTED: _("%(hearing_kind)s for %(suspect)s at %(court)s listed for %(held_on)s"),
    Verb.HEARING_RECORDED: {
        "": _("%(hearing_kind)s for %(suspect)s at %(court)s"),
        "plea": _("%(hearing_kind)s for %(suspect)s at %(court)s: %(plea)s plea"),
    },
    Verb.HEARING_HELD: {
        "": _("%(hearing_kind)s for %(suspect)s held on %(held_on)s"),
        "court": _("%(hearing_kind)s for %(suspect)s at %(court)s held on %(held_on)s"),
        "plea": _("%(hearing_kind)s for %(suspect)s held on %(held_on)s: %(plea)s plea"),
        "court+plea": _("%(hearing_kind)s for %(suspect)s at %(court)s held on %(held_on)s: %(plea)s plea"),
    },
    Verb.CASE_OUTCOME: _("Outcome for %(suspect)s: %(result)s"),
    Verb.SENTENCED: _("%(suspect)s sentenced on %(sentenced_on)s: %(sentence)s"),
    Verb.TRIAL_LISTED: _("Trial of %(suspect)s listed for %(listed_for)s"),
    Verb.TRIAL_OUTCOME: _("Trial of %(suspect)s: %(trial_outcome)s"),
    Verb.DIRECTION_SET: _("Judge's direction: %(direction)s"),
    Verb.DIRECTION_COMPLIED: {
        "": _("Judge's direction complied with: %(direction)s"),
        "late": _("Judge's direction complied with (late): %(direction)s"),
    },
    Verb.ACTION_PLAN_SET: ngettext_lazy(
        "%(plan)s set for %(suspect)s: %(count)d action", "%(plan)s set for %(suspect)s: %(count)d actions", "count"
    ),
    Verb.ACTION_PLAN_ANSWERED: _("%(plan)s for %(suspect)s answered"),
    Verb.ACTION_PLAN_WITHDRAWN: _("%(plan)s for %(suspect)s withdrawn"),
    Verb.ACTION_ANSWERED: {
        "": _("Action %(number)d of %(plan)s for %(suspect)s answered"),
        "late": _("Action %(number)d of %(plan)s for %(suspect)s answered (after the agreed date)"),
    },
    Verb.ACTION_WITHDRAWN: _("Action %(number)d of %(plan)s for %(suspect)s withdrawn"),
    Verb.COMPLAINANT_ADDED: _("%(complainant)s added"),
    Verb.WISHES_RECORDED: _("Communication wishes of %(complainant)s recorded"),
    Verb.ISVA_RECORDED: _("%(isva)s of %(complainant)s recorded"),
    Verb.SPECIAL_MEASURE_RECORDED: _("%(measure)s for %(complainant)s: %(status)s"),
    Verb.SUPPORT_WITHDRAWN: _("%(complainant)s withdrew support"),
    Verb.MEETING_OFFERED: _("Pre-trial meeting offered to %(complainant)s"),
    Verb.MEETING_HELD: _("Pre-trial meeting with %(complainant)s held"),
    Verb.MEETING_DECLINED: _("Pre-trial meeting with %(complainant)s declined"),
    Verb.VRR_RECEIVED: _("Victims' Right to Review request from %(complainant)s"),
    Verb.VRR_OUTCOME: _("Victims' Right to Review for %(complainant)s: outcome recorded"),
    # The own view (victims.models.own_view): "isva" is true when it is about the complainant's ISVA or ChISVA;
    # "changed" lists what the complainant changed of their wishes, by the fields' names as they read them.
    Verb.INVITED_TO_OWN_VIEW: {
        "": _("%(complainant)s invited to see their case"),
        "isva": _("The ISVA of %(complainant)s invited to see the case"),
    },
    Verb.JOINED_OWN_VIEW: {
        "": _("%(complainant)s signed in to see their case for the first time"),
        "isva": _("The ISVA of %(complainant)s signed in to see the case for the first time"),
    },
    Verb.OWN_VIEW_ENDED: {
        "": _("%(complainant)s can no longer see their case: %(reason)s"),
        "isva": _("The ISVA of %(complainant)s can no longer see the case: %(reason)s"),
    },
    Verb.WISHES_CHANGED_BY_COMPLAINANT: _("%(complainant)s changed their communication wishes: %(changed)s"),
    Verb.CALL_REQUESTED: {
        "": _("%(complainant)s asked to be called"),
        "isva": _("The ISVA of %(complainant)s asked to be called"),
    },
    Verb.NO_LONGER_SUPPORTS: _("%(complainant)s said they no longer support the prosecution: follow up with them"),
    Verb.LETTER_DUE: {
        "": _("%(letter)s owed to %(complainant)s"),
        "due_on": _("%(letter)s owed to %(complainant)s; due %(due_on)s"),
    },
    Verb.LETTER_SENT: {
        "": _("%(letter)s sent to %(complainant)s"),
        "on_time": _("%(letter)s sent to %(complainant)s on time"),
        "late": _("%(letter)s sent to %(complainant)s late"),
    },
    Verb.CORRECTED: _("%(record)s corrected (%(fields)s): %(reason)s"),
    Verb.CASE_ALLOCATED: {
        "": _("Case allocated to a prosecutor: %(reason)s"),
        "reallocated": _("Case reallocated to another prosecutor: %(reason)s"),
    },
    Verb.REFERRAL_ALLOCATED: {
        "": _("%(referral_kind)s referral for %(suspect)s allocated to a prosecutor: %(reason)s"),
        "reallocated": _("%(referral_kind)s referral for %(suspect)s reallocated to another prosecutor: %(reason)s"),
    },
    Verb.OFFICER_IN_CHARGE_CHANGED: {
        "": _("Officer in charge recorded: %(reason)s"),
        "changed": _("Officer in charge changed: %(reason)s"),
    },
    Verb.JOURNEY_IMPORTED: _("Journey imported"),
}


TRIAL_OUTCOMES = {
    TrialOutcome.EFFECTIVE: _("effective"),
    TrialOutcome.CRACKED: _("cracked"),
    TrialOutcome.INEFFECTIVE: _("ineffective"),
}


def _listed(labels: Iterable[str]) -> str:
    return ", ".join(label.lower() for label in labels)


# The codes of the case records' choices, worded from their choices.
CODES: dict[str, Callable[[Any], str]] = {
    "referral_kind": lambda code: ReferralKind(code).label,
    "decision_outcome": lambda code: DecisionOutcome(code).label,
    "decision_test": lambda code: DecisionTest(code).label,
    "rejection_reasons": lambda codes: _listed(RejectionReason(code).label for code in codes),
    "crime_outcome": lambda code: CrimeOutcome(code).label,
    "hearing_kind": lambda code: HearingKind(code).label,
    "plea": lambda code: str(dict(Plea._meta.get_field("plea").flatchoices)[code]).lower(),
    "result": lambda code: Result(code).label.lower(),
    "trial_outcome": lambda code: str(TRIAL_OUTCOMES[TrialOutcome(code)]),
    "fields": _listed,
}


def _facts(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload's facts as the wording names them: codes worded, dates written out (an absent one, "" or None,
    is not worded: the wording chosen does not name it)."""
    return {
        name: value
        if not value
        else CODES[name](value)
        if name in CODES
        else value
        if name in QUOTED
        else _written_out(value)
        for name, value in payload.items()
    }


def _written_out(value: Any) -> Any:
    """A date or moment the payload recorded as ISO 8601, as GOV.UK writes it; any other fact as it is."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return day_in_words(date.fromisoformat(value))
    if isinstance(value, str) and ISO_MOMENT.fullmatch(value):
        return moment_in_words(datetime.fromisoformat(value))
    return value


def worded(wording: Wording, payload: Mapping[str, Any]) -> str:
    """A wording (the form chosen by the optional facts present and true, when it has several) filled with the
    payload's facts: the timeline's, and the hand-overs' (``cases.handovers``)."""
    if isinstance(wording, dict):
        optional = {name for key in wording for name in key.split("+") if name}
        wording = wording["+".join(sorted(name for name in optional if payload.get(name)))]
    return str(wording % _facts(payload))


def in_words(verb: str, payload: Mapping[str, Any]) -> str:
    """The event as a person reads it, at most ``SUMMARY_LENGTH`` characters."""
    if RECORDED_TEXT in payload:
        return str(payload[RECORDED_TEXT])[:SUMMARY_LENGTH]
    return worded(WORDING[Verb(verb)], payload)[:SUMMARY_LENGTH]
