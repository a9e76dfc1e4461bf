"""Every write to NFA scrutiny panels: setting one up, drawing its sample, and recording a finding per case (a
referral back reopens the police's review through the cases service, and so appears on the case timeline)."""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from accounts.models import PoliceForce, User
from accounts.roles import UNIT_HEADS, Doers
from cases.limits import check_lengths
from cases.models import CaseFlag, ChargingDecision, PoliceNfa
from cases.models.precharge import NFA_OUTCOMES
from cases.services.common import check_date, require_text
from cases.services.precharge import refer_back_for_review
from scrutiny.models import Finding, NfaBy, Panel, ReferBackReason, Sample, SampledDecision, Verdict

MAX_PER_FORCE = 50
THEME_MAX_LENGTH: int = Panel._meta.get_field("theme").max_length or 200
PER_FORCE_REFUSAL = f"Enter a number of cases per force from 1 to {MAX_PER_FORCE}."
SEED_LIMIT = 2**63


PANEL_CHAIRS = Doers(UNIT_HEADS, "run NFA scrutiny panels")


def unit_head_area(actor: User) -> int:
    PANEL_CHAIRS.require(actor.role)
    if actor.cps_area_id is None:
        raise PermissionDenied("NFA scrutiny panels are run by RASSO unit heads.")
    return actor.cps_area_id


@transaction.atomic
def create_panel(
    *, actor: User, meets_on: date, forces: Iterable[PoliceForce], members: str, theme: str = ""
) -> Panel:
    area_id = unit_head_area(actor)
    chosen = list(forces)
    served = set(PoliceForce.objects.filter(cps_areas__pk=area_id).values_list("pk", flat=True))
    if not chosen or any(force.pk not in served for force in chosen):
        raise ValidationError({"forces": "Select the forces, from those your Area serves."})
    require_text(members=members)
    check_lengths(members=members)
    check_lengths(limit=THEME_MAX_LENGTH, theme=theme)
    panel = Panel.objects.create(
        cps_area_id=area_id, meets_on=meets_on, theme=theme, members=members, created_by=actor
    )
    panel.forces.set(chosen)
    return panel


@dataclass(frozen=True)
class Candidate:
    suspect_id: int
    nfa_by: NfaBy
    nfa_on: date
    police_force_id: int


def nfa_decisions(
    panel: Panel, *, period_from: date, period_to: date, theme_flag: CaseFlag | None, police_force: PoliceForce | None
) -> list[Candidate]:
    """Police and CPS NFA decisions in the period on the panel's forces (or one of them), optionally on a theme,
    one per suspect (the latest), in a fixed order."""
    forces = [police_force.pk] if police_force else list(panel.forces.values_list("pk", flat=True))
    # Only cases of the panel's Area: a force may be served by more than one Area (the Metropolitan Police by London
    # North and London South; every force by CPS Direct). The suspects carry their case's force and Area.
    police = PoliceNfa.objects.filter(
        nfa_on__range=(period_from, period_to),
        suspect__police_force_id__in=forces,
        suspect__cps_area_id=panel.cps_area_id,
    )
    cps = ChargingDecision.objects.filter(
        outcome__in=sorted(NFA_OUTCOMES),
        decided_on__range=(period_from, period_to),
        referral__suspect__police_force_id__in=forces,
        referral__suspect__cps_area_id=panel.cps_area_id,
    )
    if theme_flag is not None:
        police = police.filter(suspect__case__flags=theme_flag)
        cps = cps.filter(referral__suspect__case__flags=theme_flag)
    latest: dict[int, Candidate] = {}
    rows = [
        *(
            Candidate(s, NfaBy.POLICE, d, f)
            for s, d, f in police.values_list("suspect_id", "nfa_on", "suspect__police_force_id")
        ),
        *(
            Candidate(s, NfaBy.CPS, d, f)
            for s, d, f in cps.values_list("referral__suspect_id", "decided_on", "referral__suspect__police_force_id")
        ),
    ]
    for candidate in sorted(rows, key=lambda c: (c.nfa_on, c.suspect_id)):
        latest[candidate.suspect_id] = candidate
    return sorted(latest.values(), key=lambda c: (c.police_force_id, c.nfa_on, c.suspect_id))


def sampled(candidates: list[Candidate], *, per_force: int, seed: int) -> list[Candidate]:
    """Up to ``per_force`` decisions of each force, drawn with the seed, forces taken in a fixed order."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    by_force: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_force[candidate.police_force_id].append(candidate)
    chosen = []
    for force_id in sorted(by_force):
        pool = by_force[force_id]
        chosen += rng.sample(pool, k=min(per_force, len(pool)))
    return chosen


@transaction.atomic
def draw_sample(
    *,
    actor: User,
    panel: Panel,
    period_from: date,
    period_to: date,
    per_force: int,
    theme_flag: CaseFlag | None = None,
    police_force: PoliceForce | None = None,
    seed: int | None = None,
) -> Sample:
    if panel.cps_area_id != unit_head_area(actor):
        raise PermissionDenied("This panel belongs to another Area.")
    if period_to < period_from:
        raise ValidationError({"period_to": "The end of the period must be on or after its start."})
    if not 1 <= per_force <= MAX_PER_FORCE:
        raise ValidationError({"per_force": PER_FORCE_REFUSAL})
    if police_force is not None and not panel.forces.filter(pk=police_force.pk).exists():
        raise ValidationError({"police_force": "Select one of the panel's forces."})
    if seed is not None and not 0 <= seed < SEED_LIMIT:
        raise ValidationError({"seed": "Enter a seed from an earlier sample, or leave it empty."})
    candidates = nfa_decisions(
        panel, period_from=period_from, period_to=period_to, theme_flag=theme_flag, police_force=police_force
    )
    if not candidates:
        raise ValidationError("There are no NFA decisions in that period for the panel's forces.")
    chosen_seed = seed if seed is not None else secrets.randbelow(SEED_LIMIT)
    sample = Sample.objects.create(
        panel=panel,
        period_from=period_from,
        period_to=period_to,
        theme_flag=theme_flag,
        police_force=police_force,
        per_force=per_force,
        seed=chosen_seed,
        drawn_by=actor,
    )
    SampledDecision.objects.bulk_create(
        SampledDecision(
            sample=sample, suspect_id=c.suspect_id, nfa_by=c.nfa_by, nfa_on=c.nfa_on, police_force_id=c.police_force_id
        )
        for c in sampled(candidates, per_force=per_force, seed=chosen_seed)
    )
    return sample


@transaction.atomic
def record_finding(
    *,
    actor: User,
    decision: SampledDecision,
    verdict: str,
    recorded_on: date,
    refer_back_reason: str = "",
    learning: str = "",
    actions: str = "",
) -> Finding:
    area_id = unit_head_area(actor)
    if not SampledDecision.objects.in_area(area_id).filter(pk=decision.pk).exists():
        # Another Area's panel, or a case of another Area sampled before the rule: not found, as everywhere else.
        raise Http404("No sampled decision matches the given query.")
    if hasattr(decision, "finding"):
        raise ValidationError("A finding is already recorded for this case.")
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": "Select the panel's finding."})
    check_date("recorded_on", recorded_on)
    check_lengths(learning=learning, actions=actions)
    if verdict == Verdict.REFER_BACK:
        if refer_back_reason not in ReferBackReason.values:
            raise ValidationError({"refer_back_reason": "Select why the decision is referred back."})
        reason = ReferBackReason(refer_back_reason).label
        refer_back_for_review(actor=actor, suspect=decision.suspect, on=recorded_on, reason=reason)
    else:
        refer_back_reason = ""
    return Finding.objects.create(
        decision=decision,
        verdict=verdict,
        refer_back_reason=refer_back_reason,
        learning=learning,
        actions=actions,
        recorded_on=recorded_on,
        recorded_by=actor,
    )
