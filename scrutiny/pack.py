"""The panel pack: each sampled case as panel members may see it. No complainant's identity and no suspect's name:
free text written by caseworkers (decision reasons, police NFA reasons) has every name of the case's suspects and
complainants, whole or in part, replaced by their label before it leaves the service's own records."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from cases.models import ChargingDecision, PoliceNfa, Referral, Suspect
from scrutiny.models import Sample, SampledDecision
from victims.models import Complainant

SHORTEST_NAME_PART = 3


def redact(text: str, names: dict[str, str]) -> str:
    """Replace each name, and each part of it of three letters or more, by its label (whole words, any case)."""
    parts: list[tuple[str, str]] = []
    for name, label in names.items():
        parts.append((name, label))
        parts += [(part, label) for part in re.split(r"[\s,]+", name) if len(part) >= SHORTEST_NAME_PART]
    for part, label in sorted(parts, key=lambda pair: -len(pair[0])):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", label, text, flags=re.IGNORECASE)
    return text


def _names(case_id: int) -> dict[str, str]:
    """The people of a case, by label. Complainants' names are decrypted here only to be removed, never shown."""
    names = {suspect.name: suspect.label for suspect in Suspect.objects.filter(case_id=case_id).exclude(name="")}
    for complainant in Complainant.objects.filter(case_id=case_id).only("label", "name"):
        if complainant.name:
            names[complainant.name] = complainant.label
    return names


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
        return "No further action by police", nfa.reason if nfa else ""
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
    return sample.decisions.select_related("suspect__case", "police_force", "finding").prefetch_related(
        "suspect__case__offences",
        "suspect__case__flags",
        Prefetch("suspect__referrals", queryset=Referral.objects.order_by("received_on")),
    )


def pack(sample: Sample) -> list[PackEntry]:
    entries = []
    for number, decision in enumerate(_decisions(sample), start=1):
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
                reasons=redact(reasons, _names(case.pk)),
            )
        )
    return entries
