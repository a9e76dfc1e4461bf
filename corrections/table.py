"""Which details of which record can be corrected, by whom, and what keeps the journey intact: one declared table
that the pages, the API and the service all read. The roles are those that record the thing first (or their unit
head or supervisor): police records by investigators and police supervisors, CPS records by prosecutors and unit
heads. A complainant's identity is corrected by the CPS caseworkers who may see it (``IDENTITY``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from accounts.roles import CPS_CASEWORK_ROLES, Doers
from actionplans.models import Action
from actionplans.services import ANSWERERS
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    JudgeDirection,
    PoliceNfa,
    Prfi,
    Prosecution,
    Referral,
    Suspect,
    Trial,
)
from cases.models.court import Court, HearingKind, Result
from cases.models.precharge import BadCharacter, CrimeOutcome, FileItem, ReferralKind
from cases.models.timeline import Stage
from cases.services.court import COURT_NAME_MAX_LENGTH, RECORDERS, SENTENCE_MAX_LENGTH
from cases.services.records import CASE_OPENERS
from cases.transitions import Event, doers
from corrections import journey
from corrections.details import Detail, Kind, Proposal


@dataclass(frozen=True)
class Correctable:
    """A kind of record that can be corrected: its model and the path from it to its case, who may correct it, its
    details, why it may not be corrected yet (nothing recorded to correct), the journey's checks, the values that
    follow from the corrected ones, and the records that move with it."""

    model: type[Model]
    noun: str  # the record in words, for the page's title: "hearing"
    path: str  # in the addresses: /cases/1/corrections/hearings/2/ and /api/v1/corrections/hearings/2/
    parameter: str  # the page address's name for the record: "hearing_pk" (the case itself: "pk")
    case_path: str  # from the record to its case, for scoping
    doers: Doers
    stage: Stage
    details: tuple[Detail, ...]
    describe: Callable[[Any], str]  # "the first hearing of 3 March 2025 for Suspect 1"
    tab: Callable[[Any], str]  # the case page that shows the record
    check: Callable[[Proposal], None]
    refusal: Callable[[Any], str | None] = journey.always
    derive: Callable[[Proposal], list[str]] = journey.nothing_derived
    follow: Callable[[Proposal, journey.Followed], None] = journey.nothing_more

    def _follow(self, record: Any, until: str) -> Any:
        target = record
        for step in self.case_path.split("__"):
            if step == "id":  # the case itself
                return target
            target = getattr(target, step)
            if step == until:
                return target
        return target

    def case_of(self, record: Any) -> Case:
        return self._follow(record, "case")

    def suspect_of(self, record: Any) -> Suspect | None:
        """The suspect the record belongs to, for the timeline; a case's own record and a direction have none."""
        return self._follow(record, "suspect") if "suspect" in self.case_path.split("__") else None

    def details_of(self, record: Any) -> list[Detail]:
        return [detail for detail in self.details if detail.applies_to(record)]


COURT = Doers(RECORDERS.roles, "correct what was recorded at court")


def _on(day: Any) -> str:
    return f"{day:%-d %B %Y}"


def _is_early_advice(referral: Referral) -> bool:
    return referral.kind == ReferralKind.EARLY_ADVICE


def _is_for_charging(referral: Referral) -> bool:
    return referral.kind == ReferralKind.CHARGING_DECISION


def _referral_tab(referral: Referral) -> str:
    return "cases:early-advice" if _is_early_advice(referral) else "cases:charging"


def _tab(name: str) -> Callable[[Any], str]:
    return lambda _: name


CORRECTABLE: dict[str, Correctable] = {
    "case": Correctable(
        model=Case,
        noun="case",
        path="cases",
        parameter="pk",
        case_path="id",
        doers=Doers(CASE_OPENERS.roles, "correct the case's details"),
        stage=Stage.CASE,
        details=(
            Detail("reported_on", "Date reported to police", Kind.DATE),
            Detail("offence_date_from", "Date of the offence (or first date of a range)", Kind.DATE, required=False),
            Detail("offence_date_to", "Last date of the offence range", Kind.DATE, required=False),
            Detail("offences", "Offences", Kind.OFFENCES),
        ),
        describe=lambda case: f"the details of case {case.urn}",
        tab=_tab("cases:detail"),
        check=journey.check_case,
    ),
    "referral": Correctable(
        model=Referral,
        noun="referral",
        path="referrals",
        parameter="referral_pk",
        case_path="suspect__case",
        doers=Doers(doers(Event.REFER_FOR_CHARGING_DECISION).roles, "correct a referral the police made"),
        stage=Stage.CHARGING,
        details=(
            Detail("received_on", "Date the CPS received it", Kind.DATE),
            Detail("questions", "Questions for the prosecutor", Kind.LONG_TEXT, applies=_is_early_advice),
            Detail("proposed_offences", "Offences the police propose", Kind.OFFENCES, required=False),
            Detail("arrested_at", "Arrest", Kind.DATE_TIME, required=False, applies=_is_for_charging),
            Detail(
                "file_contents",
                "What the file holds",
                Kind.CHOICES,
                required=False,
                choices=tuple(FileItem.choices),
                applies=_is_for_charging,
            ),
        ),
        describe=lambda r: (
            f"the {r.get_kind_display().lower()} referral for {r.suspect.label} received {_on(r.received_on)}"
        ),
        tab=_referral_tab,
        check=journey.check_referral,
        derive=journey.derive_referral,
        follow=journey.follow_referral,
    ),
    "early-advice": Correctable(
        model=Referral,
        noun="early advice",
        path="early-advice",
        parameter="referral_pk",
        case_path="suspect__case",
        doers=Doers(doers(Event.GIVE_EARLY_ADVICE).roles, "correct early advice"),
        stage=Stage.EARLY_ADVICE,
        details=(
            Detail("advice", "Advice", Kind.LONG_TEXT),
            Detail("reasonable_lines_of_enquiry", "Reasonable lines of enquiry", Kind.LONG_TEXT, required=False),
            Detail("closed_on", "Date the advice was given", Kind.DATE),
        ),
        describe=lambda r: f"the early advice for {r.suspect.label}",
        tab=_tab("cases:early-advice"),
        check=journey.check_advice,
        refusal=journey.advice_given,
    ),
    "charging-decision": Correctable(
        model=ChargingDecision,
        noun="charging decision",
        path="charging-decisions",
        parameter="decision_pk",
        case_path="referral__suspect__case",
        doers=Doers(doers(Event.RECORD_DECISION).roles, "correct a charging decision"),
        stage=Stage.CHARGING,
        details=(
            Detail("decided_on", "Date of the decision", Kind.DATE),
            Detail("evidential_reasons", "Evidential stage: reasons", Kind.LONG_TEXT, required=False),
            Detail("public_interest_reasons", "Public interest stage: reasons", Kind.LONG_TEXT, required=False),
            Detail("bad_character", "Bad character evidence", Kind.CHOICE, choices=tuple(BadCharacter.choices)),
            Detail("bad_character_rationale", "Bad character: why", Kind.LONG_TEXT),
            Detail("suspect_conduct", "The suspect's conduct before, during and after the offence", Kind.LONG_TEXT),
        ),
        describe=lambda d: f"the charging decision for {d.referral.suspect.label}",
        tab=_tab("cases:charging"),
        check=journey.check_decision,
        derive=journey.derive_decision,
        follow=journey.follow_decision,
    ),
    "prfi": Correctable(
        model=Prfi,
        noun="PRFI",
        path="prfis",
        parameter="prfi_pk",
        case_path="referral__suspect__case",
        doers=Doers(doers(Event.PRFI).roles, "correct a PRFI"),
        stage=Stage.PRFI,
        details=(
            Detail("prfi_on", "Date closed as PRFI", Kind.DATE),
            Detail("reason", "What the CPS is waiting for from the police", Kind.LONG_TEXT),
        ),
        describe=lambda prfi: f"the PRFI for {prfi.referral.suspect.label} of {_on(prfi.prfi_on)}",
        tab=_tab("cases:charging"),
        check=journey.check_prfi,
        follow=journey.follow_prfi,
    ),
    "police-nfa": Correctable(
        model=PoliceNfa,
        noun="police NFA",
        path="police-nfas",
        parameter="nfa_pk",
        case_path="suspect__case",
        doers=Doers(doers(Event.RECORD_POLICE_NFA).roles, "correct a police NFA"),
        stage=Stage.NFA,
        details=(
            Detail("nfa_on", "Date of the decision", Kind.DATE),
            Detail("outcome_code", "Home Office outcome", Kind.CHOICE, choices=tuple(CrimeOutcome.choices)),
            Detail("reason", "Reason for no further action", Kind.LONG_TEXT),
        ),
        describe=lambda nfa: f"the police NFA for {nfa.suspect.label}",
        tab=_tab("cases:detail"),
        check=journey.check_police_nfa,
    ),
    "action-answer": Correctable(
        model=Action,
        noun="answer to an action",
        path="action-answers",
        parameter="action_pk",
        case_path="plan__suspect__case",
        doers=Doers(ANSWERERS.roles, "correct the police's answer to an action"),
        stage=Stage.ACTION_PLAN,
        details=(
            Detail("response", "Police response", Kind.LONG_TEXT),
            Detail("answered_on", "Date answered", Kind.DATE),
            Detail("exhibit_reference", "Exhibit reference", Kind.TEXT, required=False, max_length=100),
            Detail("evidence_description", "What the evidence is", Kind.TEXT, required=False, max_length=500),
            Detail("evidence_held_at", "Where the evidence is held", Kind.TEXT, required=False, max_length=200),
        ),
        describe=lambda a: f"the answer to action {a.number} of {a.plan.label} for {a.plan.suspect.label}",
        tab=_tab("actionplans:case-plans"),
        check=journey.check_answer,
        refusal=journey.answered,
        follow=journey.follow_answer,
    ),
    "hearing": Correctable(
        model=Hearing,
        noun="hearing",
        path="hearings",
        parameter="hearing_pk",
        case_path="suspect__case",
        doers=COURT,
        stage=Stage.COURT,
        details=(
            Detail("held_on", "Date of the hearing", Kind.FUTURE_DATE),
            Detail("court", "Court", Kind.CHOICE, choices=tuple(Court.choices)),
            Detail("court_name", "Name of the court", Kind.TEXT, max_length=COURT_NAME_MAX_LENGTH),
            Detail("kind", "Hearing", Kind.CHOICE, choices=tuple(HearingKind.choices)),
        ),
        describe=lambda h: f"the {h.get_kind_display().lower()} for {h.suspect.label} on {_on(h.held_on)}",
        tab=_tab("cases:court"),
        check=journey.check_hearing,
        follow=journey.follow_hearing,
    ),
    "outcome": Correctable(
        model=Prosecution,
        noun="outcome",
        path="outcomes",
        parameter="prosecution_pk",
        case_path="suspect__case",
        doers=COURT,
        stage=Stage.COURT,
        details=(
            Detail("result", "Outcome", Kind.CHOICE, choices=tuple(Result.choices)),
            Detail("completed_on", "Date completed", Kind.DATE),
            Detail("result_hearing", "At which hearing", Kind.HEARING, required=False),
        ),
        describe=lambda p: f"the outcome for {p.suspect.label}",
        tab=_tab("cases:court"),
        check=journey.check_outcome,
        refusal=journey.outcome_recorded,
    ),
    "sentence": Correctable(
        model=Prosecution,
        noun="sentence",
        path="sentences",
        parameter="prosecution_pk",
        case_path="suspect__case",
        doers=COURT,
        stage=Stage.COURT,
        details=(
            Detail("sentence", "Sentence", Kind.LONG_TEXT, max_length=SENTENCE_MAX_LENGTH),
            Detail("sentenced_on", "Date sentenced", Kind.DATE),
        ),
        describe=lambda p: f"the sentence of {p.suspect.label}",
        tab=_tab("cases:court"),
        check=journey.check_sentence,
        refusal=journey.sentence_recorded,
    ),
    "trial": Correctable(
        model=Trial,
        noun="trial",
        path="trials",
        parameter="trial_pk",
        case_path="suspect__case",
        doers=COURT,
        stage=Stage.COURT,
        details=(Detail("listed_for", "Date the trial is listed for", Kind.FUTURE_DATE),),
        describe=lambda t: f"the trial of {t.suspect.label} listed for {_on(t.listed_for)}",
        tab=_tab("cases:court"),
        check=journey.check_trial,
        follow=journey.follow_trial,
    ),
    "judge-direction": Correctable(
        model=JudgeDirection,
        noun="judge's direction",
        path="judge-directions",
        parameter="direction_pk",
        case_path="case",
        doers=COURT,
        stage=Stage.COURT,
        details=(
            Detail("direction", "What the judge directed", Kind.TEXT, max_length=200),
            Detail("set_on", "Date of the direction", Kind.DATE),
            Detail("due_on", "Due by", Kind.FUTURE_DATE),
            Detail("complied_on", "Date complied with", Kind.DATE, applies=lambda d: d.complied_on is not None),
        ),
        describe=lambda d: f"the judge's direction of {_on(d.set_on)}",
        tab=_tab("cases:court"),
        check=journey.check_direction,
        follow=journey.follow_direction,
    ),
}


@dataclass(frozen=True)
class IdentityDetails:
    """A complainant's identity: corrected by the CPS caseworkers who may see it, each correction written to the
    access log with its reason, and never copied into the history, the timeline or an address."""

    doers: Doers
    details: tuple[Detail, ...]


IDENTITY = IdentityDetails(
    doers=Doers(CPS_CASEWORK_ROLES, "correct a complainant's details"),
    details=(
        Detail("name", "Name", Kind.TEXT, required=False, max_length=200),
        Detail("date_of_birth", "Date of birth", Kind.DATE, required=False),
        Detail("address", "Address", Kind.LONG_TEXT, required=False, max_length=500),
        Detail("phone", "Phone", Kind.TEXT, required=False, max_length=40),
        Detail("email", "E-mail address", Kind.TEXT, required=False, max_length=254),
    ),
)
