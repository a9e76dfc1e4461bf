"""The proportionality dip-sample: a unit head draws a reproducible random sample from the Area's queue of suspects
with more than two plans after early advice, and records for each whether the plans were proportionate."""

from __future__ import annotations

import random
import secrets
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import UNIT_HEADS, Doers
from actionplans.models import ProportionalityReview, ProportionalitySample
from actionplans.queries import proportionality_queue
from cases.limits import check_lengths
from cases.services.common import check_date

MAX_SAMPLE = 100
SEED_LIMIT = 2**63


REVIEWERS = Doers(UNIT_HEADS, "review action plans for proportionality")


def _unit_head_area(actor: User) -> int:
    """The Area whose queue the actor reviews; only a unit head reviews one."""
    REVIEWERS.require(actor.role)
    if actor.cps_area_id is None:
        raise PermissionDenied("Proportionality reviews are of an Area's queue: your Area is not set.")
    return actor.cps_area_id


def sampled_suspect_ids(population: list[int], *, size: int, seed: int) -> list[int]:
    """The same seed over the same queue always draws the same suspects, in the same order."""
    return random.Random(seed).sample(sorted(population), k=min(size, len(population)))  # noqa: S311 - not secret


@transaction.atomic
def draw_sample(*, actor: User, size: int, seed: int | None = None) -> ProportionalitySample:
    """Draw from the queue as it stands; give the seed of an earlier sample to draw it again."""
    area_id = _unit_head_area(actor)
    if not 1 <= size <= MAX_SAMPLE:
        raise ValidationError({"size": f"Enter a sample size from 1 to {MAX_SAMPLE}."})
    if seed is not None and not 0 <= seed < SEED_LIMIT:
        raise ValidationError({"seed": "Enter a seed from an earlier sample, or leave it empty."})
    population = list(proportionality_queue(actor).values_list("pk", flat=True))
    if not population:
        raise ValidationError("No suspect in your Area has more than two action plans after early advice.")
    chosen_seed = seed if seed is not None else secrets.randbelow(SEED_LIMIT)
    sample = ProportionalitySample.objects.create(
        cps_area_id=area_id, seed=chosen_seed, size=size, population=len(population), drawn_by=actor
    )
    ProportionalityReview.objects.bulk_create(
        ProportionalityReview(sample=sample, suspect_id=suspect_id)
        for suspect_id in sampled_suspect_ids(population, size=size, seed=chosen_seed)
    )
    return sample


@transaction.atomic
def record_review(
    *, actor: User, review: ProportionalityReview, proportionate: bool, learning: str, reviewed_on: date
) -> ProportionalityReview:
    if review.sample.cps_area_id != _unit_head_area(actor):
        raise PermissionDenied("This sample belongs to another Area.")
    check_date("reviewed_on", reviewed_on, not_before=review.sample.drawn_at.date(), before_what="the sample")
    if not proportionate and not learning.strip():
        raise ValidationError({"learning": "Say what should have been done differently."})
    review.proportionate = proportionate
    check_lengths(learning=learning)
    review.learning = learning
    review.reviewed_on = reviewed_on
    review.reviewed_by = actor
    review.save(update_fields=["proportionate", "learning", "reviewed_on", "reviewed_by"])
    return review
