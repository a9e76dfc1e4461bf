"""The panel pack: each sampled case as panel members may see it. No complainant's identity and no suspect's name:
free text written by caseworkers (decision reasons, police NFA reasons) passes the identity screen
(cases.identity_screen) before it leaves the service's own records."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from cases.identity_screen import Screen
from cases.models import ChargingDecision, PoliceNfa, Referral
from scrutiny.models import Sample, SampledDecision


@dataclass(frozen=True)
class PackEntry:
    decision_id: int
    number: int
    urn: str
    police_force: str
    suspect: str
    offences: str
    flags: str
    reported_on: str
    nfa_by: str
    nfa_on: str
    decision: str
    reasons: str


def _reasons(decision: SampledDecision) -> tuple[str, str]:
    suspect = decision.suspect
    if decision.nfa_by == "police":
        nfa = PoliceNfa.objects.filter(suspect=suspect, nfa_on=decision.nfa_on).order_by("-id").first()
        if nfa is None:
            return "No further action by police", ""
        # An imported history may not carry the Home Office outcome.
        outcome = f" (Home Office outcome {nfa.get_outcome_code_display()})" if nfa.outcome_code else ""
        return f"No further action by police{outcome}", nfa.reason
    charging = (
        ChargingDecision.objects.filter(referral__suspect=suspect, decided_on=decision.nfa_on).order_by("-id").first()
    )
    if charging is None:
        return "No further action by the CPS", ""
    reasons = "\n".join(
        part
        for part in (charging.evidential_reasons, charging.public_interest_reasons, charging.suspect_conduct)
        if part
    )
    return charging.get_outcome_display(), reasons


def _decisions(sample: Sample) -> QuerySet[SampledDecision]:
    in_area = SampledDecision.objects.in_area(sample.panel.cps_area_id).filter(sample=sample)
    return in_area.select_related("suspect__case", "police_force", "finding").prefetch_related(
        "suspect__case__offences",
        "suspect__case__flags",
        Prefetch("suspect__referrals", queryset=Referral.objects.order_by("received_on")),
    )


def pack(sample: Sample) -> list[PackEntry]:
    decisions = list(_decisions(sample))
    screen = Screen(decision.suspect.case_id for decision in decisions)
    entries = []
    for number, decision in enumerate(decisions, start=1):
        case = decision.suspect.case
        outcome, reasons = _reasons(decision)
        entries.append(
            PackEntry(
                decision_id=decision.pk,
                number=number,
                urn=case.urn,
                police_force=decision.police_force.name,
                suspect=decision.suspect.label,
                offences=", ".join(offence.title for offence in case.offences.all()),
                flags=", ".join(flag.name for flag in case.flags.all()),
                reported_on=f"{case.reported_on:%-d %B %Y}",
                nfa_by=decision.get_nfa_by_display(),
                nfa_on=f"{decision.nfa_on:%-d %B %Y}",
                decision=outcome,
                reasons=screen(case.pk, reasons),
            )
        )
    return entries
