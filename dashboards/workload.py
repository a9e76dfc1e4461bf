"""Team workload: what waits on each prosecutor of a unit head's Area, or on each officer in charge of a police
supervisor's force; the work no one holds; and each unit's totals against its people.

For a unit head, per prosecutor: open referrals (a referral's own allocation, else its case's, as
``Referral.objects.allocated_to``), referrals whose action plan the police have answered in full (the file is back
with the prosecutor, who reviews the answers and decides: the referral is still open and no newer plan is open),
suspects charged and awaiting trial (the case's allocation), overdue items (open referrals past their due date, as
``Referral.objects.overdue``, and open plans past a review point, as the overdue plans list), and the open referral
received longest ago. For a police supervisor, per officer in charge of the case: open referrals waiting on the CPS
(no plan open with the police), open plans waiting on the police, suspects awaiting trial, actions outstanding past
their agreed date, and the open plan set longest ago.

Each figure is one grouped query over the user's scope (conditional counts; a window for each person's oldest
item), so the page costs the same queries whatever the number of people or cases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber

from accounts.models import PoliceForce, RassoUnit, User
from accounts.roles import Role
from actionplans.models import Action, ActionPlan, ActionStatus, PlanStatus
from actionplans.queries import overdue_plans
from cases.models import Referral, Suspect
from cases.models.precharge import ReferralKind
from cases.transitions import SuspectStatus

# After charge and before the verdict: charged, sent and awaiting the PTPH, awaiting trial, at trial.
AWAITING_TRIAL = (
    SuspectStatus.CHARGED,
    SuspectStatus.AWAITING_PTPH,
    SuspectStatus.AWAITING_TRIAL,
    SuspectStatus.AT_TRIAL,
)
WORKLOAD_ROLES = frozenset({Role.UNIT_HEAD, Role.POLICE_SUPERVISOR})


@dataclass(frozen=True)
class Side:
    """What the table calls its people and its figures, for the CPS or the police."""

    person: str
    people: str
    referrals: str
    plans: str
    trial: str
    overdue: str
    oldest: str
    explained: tuple[str, ...]

    @property
    def headers(self) -> list[tuple[str, str]]:
        """Each sortable column's key and heading."""
        return [
            ("name", self.person),
            ("referrals", self.referrals),
            ("plans", self.plans),
            ("trial", self.trial),
            ("overdue", self.overdue),
            ("oldest", self.oldest),
        ]


CPS = Side(
    person="Prosecutor",
    people="prosecutors",
    referrals="Open referrals",
    plans="Plans answered",
    trial="Awaiting trial",
    overdue="Overdue",
    oldest="Oldest referral",
    explained=(
        "Open referrals: early advice requests and referrals for a charging decision allocated to the prosecutor, "
        "or on a case allocated to them when the referral has no allocation of its own.",
        "Plans answered: open referrals whose action plan the police have answered in full, with no newer plan "
        "open: the prosecutor reviews the answers and decides.",
        "Awaiting trial: suspects charged, sent to the Crown Court, awaiting trial or at trial, on cases allocated "
        "to the prosecutor.",
        "Overdue: open referrals past their due date, and open action plans past a review point "
        "(the first is 28 days after the plan was set).",
        "Oldest referral: the open referral received longest ago, and its age in days.",
    ),
)
POLICE = Side(
    person="Officer in charge",
    people="officers",
    referrals="Waiting on the CPS",
    plans="Plans with the police",
    trial="Awaiting trial",
    overdue="Overdue actions",
    oldest="Oldest plan",
    explained=(
        "Waiting on the CPS: open referrals on the officer's cases with no action plan open with the police.",
        "Plans with the police: open action plans on the officer's cases, with actions outstanding.",
        "Awaiting trial: suspects charged, sent to the Crown Court, awaiting trial or at trial, on the officer's "
        "cases.",
        "Overdue actions: actions of open plans on the officer's cases still outstanding after their agreed date.",
        "Oldest plan: the open action plan set longest ago, and its age in days.",
    ),
)
FIGURES = ("referrals", "plans", "trial", "overdue")


@dataclass(frozen=True)
class Oldest:
    """A person's oldest item: what it is, on which case, and since when."""

    case_id: int
    urn: str
    what: str
    since: date
    days: int


@dataclass
class Load:
    referrals: int = 0
    plans: int = 0
    trial: int = 0
    overdue: int = 0
    oldest: Oldest | None = None

    def add(self, other: Load) -> None:
        for name in FIGURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.oldest and (self.oldest is None or other.oldest.since < self.oldest.since):
            self.oldest = other.oldest


@dataclass(frozen=True)
class Row:
    person: User
    unit: str
    load: Load

    @property
    def name(self) -> str:
        return self.person.get_full_name() or self.person.username


@dataclass(frozen=True)
class UnitTotal:
    """A unit's work added up over its people, and each figure per person."""

    name: str
    people: int
    load: Load = field(default_factory=Load)

    @property
    def per_person(self) -> dict[str, float | None]:
        return {name: getattr(self.load, name) / self.people if self.people else None for name in FIGURES}


@dataclass(frozen=True)
class Workload:
    side: Side
    rows: list[Row]
    units: list[UnitTotal]
    unallocated: Load
    sort: str  # the rows' order: a column's key, "-" first for descending


_Q = TypeVar("_Q", bound=QuerySet[Any])


def _of_force(records: _Q, police_force: PoliceForce | None) -> _Q:
    return records if police_force is None else records.filter(police_force=police_force)


def _by_holder(records: QuerySet[Any], holder: Any, **counts: Count) -> dict[int | None, dict[str, int]]:
    """The counts for each holder (None: no one), in one grouped query."""
    grouped = records.order_by().values(holder=holder).annotate(**counts)
    return {row.pop("holder"): row for row in grouped}


def _with_oldest(
    records: QuerySet[Any],
    holder: Any,
    *,
    since: str,
    today: date,
    describe: Callable[[dict[str, Any]], str],
    read: tuple[str, ...] = (),
    **counts: Count,
) -> tuple[dict[int | None, dict[str, int]], dict[int | None, Oldest]]:
    """The counts for each holder and their record with the earliest ``since`` (with the fields ``describe``
    reads), in one query: counts over each holder's records as windows, read on the holder's first row."""
    per_holder: dict[str, Any] = {"partition_by": [F("holder")]}
    ranked = (
        records.order_by()
        .annotate(holder=holder)
        .annotate(
            rank=Window(RowNumber(), order_by=[F(since).asc(), F("pk").asc()], **per_holder),
            **{name: Window(count, **per_holder) for name, count in counts.items()},
        )
        .filter(rank=1)
        .values("holder", since, "suspect__case_id", "suspect__case__urn", *read, *counts)
    )
    counted, oldest = {}, {}
    for row in ranked:
        counted[row["holder"]] = {name: row[name] for name in counts}
        oldest[row["holder"]] = Oldest(
            row["suspect__case_id"], row["suspect__case__urn"], describe(row), row[since], (today - row[since]).days
        )
    return counted, oldest


def _cps_loads(user: User, today: date, police_force: PoliceForce | None) -> dict[int | None, Load]:
    referrals = _of_force(Referral.objects.visible_to(user).open(), police_force)
    answered = ActionPlan.objects.filter(referral=OuterRef("pk"), status=PlanStatus.ANSWERED)
    counted, oldest = _with_oldest(
        referrals,
        Coalesce("allocated_prosecutor", "suspect__case__allocated_prosecutor"),
        since="received_on",
        today=today,
        describe=lambda row: f"{ReferralKind(row['kind']).label} referral, {row['suspect__label']}",
        read=("kind", "suspect__label"),
        referrals=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        plans=Count("pk", filter=Q(Exists(answered)) & ~Q(suspect__status=SuspectStatus.ACTION_PLAN)),
    )
    plans_overdue = _by_holder(
        overdue_plans(user, today, police_force=police_force),
        Coalesce("referral__allocated_prosecutor", "suspect__case__allocated_prosecutor"),
        overdue=Count("pk"),
    )
    trial = _by_holder(
        _of_force(Suspect.objects.visible_to(user).filter(status__in=AWAITING_TRIAL), police_force),
        F("case__allocated_prosecutor"),
        trial=Count("pk"),
    )
    return _loads(counted, plans_overdue, trial, oldest=oldest)


def _police_loads(user: User, today: date, police_force: PoliceForce | None) -> dict[int | None, Load]:
    holder = F("suspect__case__officer_in_charge")
    waiting = _of_force(Referral.objects.visible_to(user).open(), police_force).exclude(
        suspect__status=SuspectStatus.ACTION_PLAN
    )
    plans, oldest = _with_oldest(
        _of_force(ActionPlan.objects.visible_to(user).open(), police_force),
        holder,
        since="set_on",
        today=today,
        describe=lambda row: f"{row['label']}, {row['suspect__label']}",
        read=("label", "suspect__label"),
        plans=Count("pk"),
    )
    late = Action.objects.visible_to(user).filter(
        status=ActionStatus.OUTSTANDING, plan__status=PlanStatus.OPEN, due_on__lt=today
    )
    if police_force is not None:
        late = late.filter(plan__police_force=police_force)
    trial = _of_force(Suspect.objects.visible_to(user).filter(status__in=AWAITING_TRIAL), police_force)
    return _loads(
        _by_holder(waiting, holder, referrals=Count("pk")),
        plans,
        _by_holder(late, F("plan__suspect__case__officer_in_charge"), overdue=Count("pk")),
        _by_holder(trial, F("case__officer_in_charge"), trial=Count("pk")),
        oldest=oldest,
    )


def _loads(
    *counted: Mapping[int | None, Mapping[str, int]], oldest: Mapping[int | None, Oldest]
) -> dict[int | None, Load]:
    """Each holder's load, the figures of several queries added up (two may both count overdue items)."""
    loads: dict[int | None, Load] = {}
    for counts in counted:
        for holder, figures in counts.items():
            load = loads.setdefault(holder, Load())
            for name, value in figures.items():
                setattr(load, name, getattr(load, name) + value)
    for holder, item in oldest.items():
        loads.setdefault(holder, Load()).oldest = item
    return loads


def _people(user: User, holders: Iterable[int]) -> QuerySet[User]:
    """The active prosecutors of the Area (officers of the force), with nothing or not, and whoever else holds
    work in scope (someone who has left, or moved)."""
    if user.role == Role.UNIT_HEAD:
        staff = Q(role=Role.PROSECUTOR, cps_area_id=user.cps_area_id)
    else:
        staff = Q(role=Role.INVESTIGATOR, police_force_id=user.police_force_id)
    return User.objects.filter((staff & Q(is_active=True)) | Q(pk__in=sorted(holders))).select_related("rasso_unit")


def _by_name(row: Row) -> tuple[str, int]:
    return row.name.casefold(), row.person.pk


def _by_oldest(row: Row) -> tuple[int, str, int]:
    return (row.load.oldest.days if row.load.oldest else -1, *_by_name(row))


def _by_figure(name: str) -> Callable[[Row], tuple[int, str, int]]:
    def key(row: Row) -> tuple[int, str, int]:
        return (getattr(row.load, name), *_by_name(row))

    return key


SORTS: dict[str, Callable[[Row], tuple[Any, ...]]] = {
    "name": _by_name,
    "oldest": _by_oldest,
    **{name: _by_figure(name) for name in FIGURES},
}


def _sorted(rows: list[Row], sort: str) -> tuple[list[Row], str]:
    """The rows in the order asked for (``referrals``, ``-referrals``…), and that order; by name if it is unknown."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        return sorted(rows, key=SORTS["name"]), "name"
    return sorted(rows, key=SORTS[key], reverse=sort.startswith("-")), sort


def workload(
    user: User,
    today: date,
    *,
    police_force: PoliceForce | None = None,
    rasso_unit: RassoUnit | None = None,
    overdue_only: bool = False,
    sort: str = "name",
) -> Workload:
    """The user's team's workload, optionally of one force's cases, one RASSO unit's people, or only the people
    with something overdue (the units' totals and the work no one holds are shown whole), in the order ``sort``
    names (a column's key, ``-`` first for descending)."""
    cps = user.role == Role.UNIT_HEAD
    loads = (_cps_loads if cps else _police_loads)(user, today, police_force)
    unallocated = loads.pop(None, Load())
    organisation = user.cps_area.name if cps and user.cps_area else user.organisation_name
    rows = []
    for person in _people(user, (holder for holder in loads if holder is not None)):
        if rasso_unit is not None and person.rasso_unit_id != rasso_unit.pk:
            continue
        unit = person.rasso_unit.name if person.rasso_unit else organisation
        rows.append(Row(person, unit, loads.get(person.pk, Load())))
    members = Counter(row.unit for row in rows)
    units = {name: UnitTotal(name, people) for name, people in sorted(members.items())}
    for row in rows:
        units[row.unit].load.add(row.load)
    if overdue_only:
        rows = [row for row in rows if row.load.overdue]
    rows, sort = _sorted(rows, sort)
    return Workload(CPS if cps else POLICE, rows, list(units.values()), unallocated, sort)


def table(work: Workload) -> tuple[list[str], list[list[Any]]]:
    """The workload as a download's headers and rows: a row per person, then the work no one holds. Staff names and
    case URNs only: no complainant or suspect is named."""
    side = work.side
    headers = [side.person, "Unit", side.referrals, side.plans, side.trial, side.overdue, side.oldest,
               "Oldest item's case (URN)", "Oldest item received or set on", "Oldest item's age (days)"]  # fmt: skip

    def cells(name: str, unit: str, load: Load) -> list[Any]:
        oldest = load.oldest
        items = [oldest.what, oldest.urn, oldest.since, oldest.days] if oldest else ["", "", "", ""]
        return [name, unit, *(getattr(load, figure) for figure in FIGURES), *items]

    rows = [cells(row.name, row.unit, row.load) for row in work.rows]
    rows.append(cells("Not allocated", "", work.unallocated))
    return headers, rows
