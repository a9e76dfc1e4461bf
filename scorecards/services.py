"""What the scorecard pages, API and commands do, once: which places a user may see, the live scorecard, publishing a
quarter's snapshot, and reading a snapshot back (every figure, or the version with small numbers withheld)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import ADMINISTRATORS, Doers, Role
from accounts.scoping import Scope, statistics_scope
from cases.services.setting_changes import kept_with
from operations.replica import replica_reads
from scorecards import compute, exports, live, suppression
from scorecards.compute import Place
from scorecards.measures import MEASURES, VERSION
from scorecards.models import DisclosureRule, Snapshot, SnapshotFigure
from scorecards.periods import Period


def scope_of(user: User) -> Scope:
    scope = statistics_scope(user)
    if scope.is_empty:
        raise PermissionDenied("Your role does not see scorecards.")
    return scope


def places_for(user: User) -> list[Place]:
    """National, every Area and force for a national user; an Area's users their Area and its forces."""
    scope = scope_of(user)
    return live.places(area_id=None if scope.everything else scope.cps_area_id)


def place_key(place: Place) -> str:
    if place.force_id is not None:
        return f"force-{place.area_id}-{place.force_id}"
    return f"area-{place.area_id}" if place.area_id is not None else "national"


def place_for(user: User, key: str) -> Place:
    """The place a key names, if the user may see it; anything else is not found."""
    for place in places_for(user):
        if place_key(place) == key:
            return place
    raise Http404("No such place in your scorecards.")


def live_scorecard(period: Period, places: list[Place]) -> exports.Scorecard:
    """Every measure for each of the places, as computed now (read from the replica while it keeps up)."""
    with replica_reads():
        return exports.live(period.label, compute.scorecard(period, places), timezone.now())


def area_of(user: User) -> str | None:
    """The Area whose figures an Area's user sees; None for a national user."""
    scope = scope_of(user)
    return None if scope.everything or user.cps_area is None else user.cps_area.name


PUBLISHERS = Doers(frozenset({Role.ANALYST, Role.ADMINISTRATOR}), "publish scorecards")


def can_publish(user: User) -> bool:
    """A national analyst or an administrator."""
    return user.role in PUBLISHERS.roles and scope_of(user).everything


@transaction.atomic
def publish_snapshot(*, actor: User, period: Period) -> Snapshot:
    """Freeze a quarter that has ended: its figures for every place, the definitions and the small-number rule as
    they are now. A published quarter never changes."""
    if not can_publish(actor):
        raise PermissionDenied("Only a national analyst or an administrator publishes scorecards.")
    if not period.is_quarter:
        raise ValidationError({"period": "Publish a financial-year quarter, such as 2024-25 Q1."})
    if period.end >= timezone.localdate():
        raise ValidationError({"period": f"{period.label} has not ended yet: publish it from {period.end:%-d %B %Y}."})
    published = Snapshot.objects.filter(period=period.label).first()
    if published is not None:
        raise ValidationError({"period": f"{period.label} was published on {published.computed_at:%-d %B %Y}."})
    rule = DisclosureRule.current()
    figures = compute.scorecard(period, compute.places())
    withheld = suppression.withheld(figures, rule.threshold)
    snapshot = Snapshot.objects.create(
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        computed_at=timezone.now(),
        measures_version=VERSION,
        threshold=rule.threshold,
        suppression_rule=rule.describe(),
        definitions=[exports.definition(measure) for measure in MEASURES],
        published_by=actor,
    )
    SnapshotFigure.objects.bulk_create(
        SnapshotFigure(
            snapshot=snapshot,
            position=position,
            measure_id=figure.measure.id,
            cps_area=figure.place.area_name,
            police_force=figure.place.force_name,
            numerator=None if figure.numerator is None else round(figure.numerator),
            denominator=figure.denominator,
            value=figure.value,
            suppressed=(figure.measure.id, figure.place) in withheld,
        )
        for position, figure in enumerate(figures)
    )
    return snapshot


def snapshots_for(user: User) -> QuerySet[Snapshot]:
    scope_of(user)
    return Snapshot.objects.all()


def snapshot_scorecard(snapshot: Snapshot, *, external: bool, area: str | None = None) -> exports.Scorecard:
    """A published snapshot as it was frozen, national or for one Area; ``external`` withholds the figures the
    small-number rule withheld."""
    figures = snapshot.figures.all()
    if area is not None:
        figures = figures.filter(cps_area=area)
    with replica_reads():
        rows = [_frozen_row(snapshot, figure, hidden=external and figure.suppressed) for figure in figures]
    return exports.Scorecard(
        snapshot.period,
        snapshot.computed_at,
        rows,
        snapshot.definitions,
        published=True,
        external=external,
        rule=snapshot.suppression_rule,
    )


def _frozen_row(snapshot: Snapshot, figure: SnapshotFigure, *, hidden: bool) -> exports.Row:
    row = exports.Row(figure.measure_id, snapshot.period, figure.cps_area, figure.police_force, figure.numerator,
                      figure.denominator, figure.value, False)  # fmt: skip
    return row.withheld() if hidden else row


@transaction.atomic
def change_disclosure_rule(threshold: int, *, by: User, reason: str) -> DisclosureRule:
    """Set the small-number rule's threshold (its bounds are the model's), kept in its history with who and why.
    Published snapshots keep the rule they were published with; live and later scorecards use the new one."""
    ADMINISTRATORS.require(by.role)
    rule = DisclosureRule.current()
    rule.threshold = threshold
    kept_with(rule, by=by, reason=reason)
    rule.full_clean()
    rule.save()
    return rule
