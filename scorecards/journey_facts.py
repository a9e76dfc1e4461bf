"""The journey facts (``JourneyFact``): how each row is worked out from the stage tables, and the one function that
rewrites a case's rows from its records, in the transaction that wrote them.

Every write to a case's journey records a timeline event (``cases.services.common.record_event``), and the event's
signal is the one hook (``scorecards.receivers``); the journey import, which writes its events in bulk, calls
``refresh`` for each batch of cases it writes. So the stage apps never import ``scorecards``, and the facts are never
stale: ``manage.py check_journey_facts`` works every row out again from the records and reports any that differ.

``derivation`` is one SQL statement (a ``UNION ALL`` of one query per kind of fact, over the stage tables), the same
statement that rewrites a case's rows, that the check compares with, and that the benchmark's DuckDB runs over copies
of the stage tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast

from actionplans.models import ActionPlan
from cases.models import Case as CaseRecord
from cases.models import ChargingDecision, Hearing, JudgeDirection, Plea, Prfi, Prosecution, Referral, Suspect
from cases.models.court import CONVICTIONS, Court, Result
from cases.models.precharge import DecisionOutcome, ReferralKind
from scorecards.models import FactKind, JourneyFact
from victims.models import Communication, Complainant
from victims.models.communications import CommunicationKind

EARLY_ADVICE_TARGET_DAYS = 21  # INTERCHANGE.md "Measures, version 1": early_advice_within_21_days
DROPPED = (Result.DISCONTINUED, Result.NO_EVIDENCE_OFFERED)
THIRD_HEARING = 3
PLANS_BEFORE_REVIEW = 2  # more than two plans after early advice puts a suspect in the proportionality queue
VCL_LETTERS = (CommunicationKind.NFA, CommunicationKind.DISCONTINUANCE, CommunicationKind.CHARGE_ALTERED)
CASES_PER_STATEMENT = 500  # ten queries each naming the cases: 5,000 parameters, within every driver's limit

# The table's columns, in the order every kind's query gives them.
IDS = ("case_id", "suspect_id", "complainant_id", "cps_area_id", "police_force_id")
FLAGS = (
    "referred",
    "charged",
    "completed",
    "convicted",
    "on_time",
    "over_two_plans",
    "plea_at_first_crown_hearing",
    "dropped_at_third_hearing",
)
NUMBERS = ("days", "consultations")
WORDS = ("withdrawal_stage",)
COLUMNS = ("kind", "day", "unit", *IDS, *FLAGS, *NUMBERS, *WORDS)


class DaysBetween(Func):
    """Calendar days from ``start`` to ``end`` (dates), as an integer, on PostgreSQL and SQLite alike."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def __init__(self, end: Any, start: Any) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def answered_early_advice() -> QuerySet[Referral]:
    """Early advice requests answered with advice, each with ``days`` from the request to the answer. A request
    closes with the advice given, or as PRFI without it; a PRFI after the advice (plans outstanding) closes the file
    of an answered request, which stays answered."""
    answered = Referral.objects.filter(kind=ReferralKind.EARLY_ADVICE, closed_on__isnull=False).exclude(advice="")
    return answered.annotate(days=DaysBetween(F("closed_on"), F("received_on")))


def _flag(condition: Q | Exists) -> Case:
    """True or False, never NULL (a comparison with a missing number is False)."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _none() -> Cast:
    return Cast(Value(None), IntegerField())  # typed: PostgreSQL cannot union an untyped NULL with a number


def _first_referral_received(suspect: str) -> Subquery:
    return Subquery(
        Referral.objects.filter(suspect=OuterRef(suspect)).order_by("received_on", "id").values("received_on")[:1]
    )


def _plans_after_early_advice(suspect: str, until: str) -> Subquery:
    first_early_advice = Subquery(
        Referral.objects.filter(suspect=OuterRef(OuterRef(suspect)), kind=ReferralKind.EARLY_ADVICE)
        .order_by("received_on", "id")
        .values("received_on")[:1]
    )
    return Subquery(
        ActionPlan.objects.filter(
            suspect=OuterRef(suspect), set_on__gte=first_early_advice, set_on__lte=OuterRef(until)
        )
        .order_by()
        .values("suspect")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _by_referral_kind(early_advice: FactKind, charging: FactKind, kind: str) -> Case:
    return Case(
        When(**{kind: ReferralKind.EARLY_ADVICE}, then=Value(early_advice.value)),
        default=Value(charging.value),
        output_field=IntegerField(),
    )


def _of_suspect(suspect: str) -> dict[str, Any]:
    """The ids and place of an item that belongs to a suspect (the place is the case's)."""
    return {
        "case_id": F(f"{suspect}__case"),
        "suspect_id": F(suspect),
        "cps_area_id": F(f"{suspect}__case__cps_area"),
        "police_force_id": F(f"{suspect}__case__police_force"),
    }


def _of_case(case: str) -> dict[str, Any]:
    return {
        "case_id": F(case),
        "cps_area_id": F(f"{case}__cps_area"),
        "police_force_id": F(f"{case}__police_force"),
    }


# Each kind: its rows' query, the path from a row to its case, and its columns.
Derived = tuple[QuerySet[Any], str, dict[str, Any]]


def _suspects() -> Derived:
    completed = Prosecution.objects.filter(suspect=OuterRef("pk")).exclude(result="")
    charges = ChargingDecision.objects.filter(referral__suspect=OuterRef("pk"), outcome=DecisionOutcome.CHARGE)
    return (
        Suspect.objects.all(),
        "case",
        {
            "kind": Value(FactKind.SUSPECT.value),
            "day": F("case__reported_on"),
            "unit": F("pk"),
            **_of_case("case"),
            "suspect_id": F("pk"),
            "referred": _flag(Exists(Referral.objects.filter(suspect=OuterRef("pk")))),
            "charged": _flag(Exists(charges)),
            "completed": _flag(Exists(completed)),
            "convicted": _flag(Exists(completed.filter(result__in=CONVICTIONS))),
        },
    )


def _referrals() -> Derived:
    return (
        Referral.objects.all(),
        "suspect__case",
        {
            "kind": _by_referral_kind(FactKind.EARLY_ADVICE_REFERRAL, FactKind.CHARGING_REFERRAL, "kind"),
            "day": F("received_on"),
            "unit": F("suspect"),
            **_of_suspect("suspect"),
        },
    )


def _early_advice_answers() -> Derived:
    return (
        answered_early_advice(),
        "suspect__case",
        {
            "kind": Value(FactKind.EARLY_ADVICE_ANSWER.value),
            "day": F("closed_on"),
            "unit": F("pk"),
            **_of_suspect("suspect"),
            "on_time": _flag(Q(days__lte=EARLY_ADVICE_TARGET_DAYS)),
            "days": F("days"),
        },
    )


def _decisions() -> Derived:
    consultations = Subquery(
        Referral.objects.filter(suspect=OuterRef("referral__suspect"), received_on__lte=OuterRef("decided_on"))
        .order_by()
        .values("suspect")
        .annotate(n=Count("pk"))
        .values("n")
    )
    charged = Q(outcome=DecisionOutcome.CHARGE)
    decisions = ChargingDecision.objects.annotate(
        first_referral_on=_first_referral_received("referral__suspect"),
        plans_by_then=_plans_after_early_advice("referral__suspect", "decided_on"),
        referrals_by_then=consultations,
    )
    return (
        decisions,
        "referral__suspect__case",
        {
            "kind": Value(FactKind.DECISION.value),
            "day": F("decided_on"),
            "unit": F("referral__suspect"),
            **_of_suspect("referral__suspect"),
            "charged": _flag(charged),
            "over_two_plans": _flag(Q(plans_by_then__gt=PLANS_BEFORE_REVIEW)),
            "days": Case(When(charged, then=DaysBetween(F("decided_on"), F("first_referral_on"))), default=_none()),
            "consultations": F("referrals_by_then"),
        },
    )


def _prfis() -> Derived:
    prfis = Prfi.objects.annotate(plans_by_then=_plans_after_early_advice("referral__suspect", "prfi_on"))
    return (
        prfis,
        "referral__suspect__case",
        {
            "kind": _by_referral_kind(FactKind.EARLY_ADVICE_PRFI, FactKind.CHARGING_PRFI, "referral__kind"),
            "day": F("prfi_on"),
            "unit": F("referral__suspect"),
            **_of_suspect("referral__suspect"),
            "over_two_plans": _flag(Q(plans_by_then__gt=PLANS_BEFORE_REVIEW)),
        },
    )


def _action_plans() -> Derived:
    return (
        ActionPlan.objects.all(),
        "suspect__case",
        {"kind": Value(FactKind.ACTION_PLAN.value), "day": F("set_on"), "unit": F("pk"), **_of_suspect("suspect")},
    )


def _completions() -> Derived:
    """A guilty plea at the first Crown Court hearing is one at a Crown Court hearing of the suspect's with no
    earlier one (the earlier in date order, or on the same day recorded first); a prosecution is dropped at the third
    or a later hearing when it was discontinued, or no evidence offered, with three hearings held by then."""
    earlier_crown_hearing = Hearing.objects.filter(suspect=OuterRef("hearing__suspect"), court=Court.CROWN).filter(
        Q(held_on__lt=OuterRef("hearing__held_on"))
        | Q(held_on=OuterRef("hearing__held_on"), pk__lt=OuterRef("hearing"))
    )
    at_the_first = Plea.objects.filter(
        plea="guilty", hearing__suspect=OuterRef("suspect"), hearing__court=Court.CROWN
    ).exclude(Exists(earlier_crown_hearing))
    hearings_by_then = Subquery(
        Hearing.objects.filter(suspect=OuterRef("suspect"), held_on__lte=OuterRef("completed_on"))
        .order_by()
        .values("suspect")
        .annotate(n=Count("pk"))
        .values("n")
    )
    charged_on = Subquery(
        ChargingDecision.objects.filter(referral__suspect=OuterRef("suspect"), outcome=DecisionOutcome.CHARGE)
        .order_by("decided_on", "id")
        .values("decided_on")[:1]
    )
    completed = (
        Prosecution.objects.exclude(result="")
        .filter(completed_on__isnull=False)
        .annotate(hearings_by_then=hearings_by_then, charged_on=charged_on)
    )
    return (
        completed,
        "suspect__case",
        {
            "kind": Value(FactKind.COMPLETION.value),
            "day": F("completed_on"),
            "unit": F("suspect"),
            **_of_suspect("suspect"),
            "convicted": _flag(Q(result__in=CONVICTIONS)),
            "plea_at_first_crown_hearing": _flag(Exists(at_the_first)),
            "dropped_at_third_hearing": _flag(Q(result__in=DROPPED, hearings_by_then__gte=THIRD_HEARING)),
            "days": DaysBetween(F("completed_on"), F("charged_on")),
        },
    )


def _judge_directions() -> Derived:
    return (
        JudgeDirection.objects.all(),
        "case",
        {
            "kind": Value(FactKind.JUDGE_DIRECTION.value),
            "day": F("due_on"),
            "unit": F("pk"),
            **_of_case("case"),
            "on_time": _flag(Q(complied_on__isnull=False, complied_on__lte=F("due_on"))),
        },
    )


def _victim_letters() -> Derived:
    """The due date is stored with each letter when its clock starts (``deadlines.letter_due``: 1 or 5 working
    days after the decision, skipping weekends and England and Wales bank holidays)."""
    return (
        Communication.objects.filter(kind__in=VCL_LETTERS, decision_on__isnull=False),
        "complainant__case",
        {
            "kind": Value(FactKind.VICTIM_LETTER.value),
            "day": F("decision_on"),
            "unit": F("pk"),
            **_of_case("complainant__case"),
            "complainant_id": F("complainant"),
            "on_time": _flag(Q(sent_on__isnull=False, sent_on__lte=F("due_on"))),
        },
    )


def _withdrawals() -> Derived:
    return (
        Complainant.objects.filter(withdrew_support_on__isnull=False),
        "case",
        {
            "kind": Value(FactKind.WITHDRAWAL.value),
            "day": F("withdrew_support_on"),
            "unit": F("pk"),
            **_of_case("case"),
            "complainant_id": F("pk"),
            "withdrawal_stage": F("withdrawal_stage"),
        },
    )


KINDS: tuple[Callable[[], Derived], ...] = (
    _suspects,
    _referrals,
    _early_advice_answers,
    _decisions,
    _prfis,
    _action_plans,
    _completions,
    _judge_directions,
    _victim_letters,
    _withdrawals,
)


def _default(column: str) -> Combinable:
    if column in FLAGS:
        return Value(False)
    if column in WORDS:
        return Value("")
    return _none()


def _selected(rows: QuerySet[Any], columns: dict[str, Any], n: int) -> tuple[str, list[Any]]:
    """The rows' query with every column of the table, by name, in the table's order."""
    named = {f"fact_{column}": columns.get(column, _default(column)) for column in COLUMNS}
    sql, params = rows.order_by().annotate(**named).values(*named).query.sql_with_params()
    chosen = ", ".join(f"fact_{column} AS {column}" for column in COLUMNS)
    return f"SELECT {chosen} FROM ({sql}) AS kind_{n}", list(params)  # noqa: S608 - the ORM's SQL, values as parameters


def derivation(*, cases: Sequence[int] | None = None) -> tuple[str, list[Any]]:
    """The SQL, with its parameters, that works out the fact rows from the stage tables: of every case, or of those
    named."""
    parts, params = [], []
    for n, kind in enumerate(KINDS):
        rows, case, columns = kind()
        if cases is not None:
            rows = rows.filter(**{f"{case}__in": cases})
        sql, kind_params = _selected(rows, columns, n)
        parts.append(sql)
        params.extend(kind_params)
    return " UNION ALL ".join(parts), params


def _is_stand_in(param: Any) -> bool:
    return isinstance(param, int) and param < 0


@cache
def _of_placeholder_cases(vendor: str, n: int) -> tuple[str, tuple[Any, ...]]:
    """``derivation`` of ``n`` cases, compiled once per database and number of cases, with stand-ins for their ids
    (-1 to -n: no primary key is negative, and no other parameter is). Compiling the ORM's ten queries took 35–40 ms
    of a 45 ms refresh of one case; running the statement, under 1 ms."""
    sql, params = derivation(cases=range(-1, -n - 1, -1))
    if sum(map(_is_stand_in, params)) != len(KINDS) * n:
        raise RuntimeError(f"a parameter of the journey facts' derivation on {vendor} is negative: not a stand-in")
    return sql, tuple(params)


def _derivation_of(cases: Sequence[int]) -> tuple[str, list[Any]]:
    """``derivation(cases=cases)``, from the statement compiled for that many cases."""
    sql, params = _of_placeholder_cases(connection.vendor, len(cases))
    return sql, [cases[-p - 1] if _is_stand_in(p) else p for p in params]


def _insert(sql: str, params: list[Any]) -> None:
    table = JourneyFact._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(COLUMNS)}) {sql}", params)


def refresh(case_ids: Iterable[int]) -> None:
    """Rewrite the fact rows of these cases from their records: call it in the transaction that wrote them.

    Each case's row is locked first (FOR NO KEY UPDATE, which does not block other records being added to the case),
    so two transactions writing to one case rewrite its facts one after the other: the second then reads the first's
    records and rows, and never leaves both sets."""
    ids = sorted(set(case_ids))
    with transaction.atomic(savepoint=False):  # the caller's transaction, or one of its own
        if connection.vendor == "postgresql":
            # The statement's cost is estimated from statistics that do not count the rows just written (in the
            # journey import, a whole batch), and JIT-compiling it then took 2.7 s of a 3.5 s refresh of 500 cases.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        for start in range(0, len(ids), CASES_PER_STATEMENT):
            chunk = ids[start : start + CASES_PER_STATEMENT]
            locked = CaseRecord.objects.select_for_update(no_key=True).filter(pk__in=chunk).order_by("pk")
            list(locked.values_list("pk"))
            JourneyFact.objects.filter(case_id__in=chunk).delete()
            _insert(*_derivation_of(chunk))


STATISTICS_STALE_AT = 0.1  # autovacuum's own threshold (autovacuum_analyze_scale_factor)


@cache
def derived_from() -> tuple[str, ...]:
    """The tables ``derivation`` reads: those its statement names."""
    sql, _ = derivation()
    return tuple(sorted(model._meta.db_table for model in apps.get_models() if f'"{model._meta.db_table}"' in sql))


class PlannerStatistics:
    """For a bulk write in one long transaction (the journey import's), which autovacuum cannot see into: the
    planner's statistics of the tables ``derivation`` reads, brought up to date before a refresh once the transaction
    has written more than a tenth again of the cases they count (autovacuum's own threshold). Without them, refreshing
    500 cases of a 20,000-case batch into an empty database read whole tables (0.9 s); with them, 0.2 s. PostgreSQL
    only. ANALYZE in a transaction counts the transaction's own rows, and holds its lock until the import ends: a
    second import's ANALYZE (and autovacuum's) waits for the first, while reads and writes go on."""

    def __init__(self) -> None:
        self.unanalysed = 0

    def written(self, cases: int) -> None:
        self.unanalysed += cases
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [CaseRecord._meta.db_table])
            if self.unanalysed > STATISTICS_STALE_AT * max(cursor.fetchone()[0], 0):
                cursor.execute(f"ANALYZE {', '.join(derived_from())}")
                self.unanalysed = 0


def rewrite_all() -> None:
    """Every fact row worked out again from the records (the check's repair)."""
    JourneyFact.objects.all().delete()
    _insert(*derivation())


def differing() -> tuple[int, int]:
    """How many fact rows the records call for that the table lacks, and how many it holds that they do not."""
    expected, params = derivation()
    columns = ", ".join(COLUMNS)
    table = JourneyFact._meta.db_table
    sql = (
        f"SELECT SUM(CASE WHEN n > 0 THEN n ELSE 0 END), SUM(CASE WHEN n < 0 THEN -n ELSE 0 END) FROM ("  # noqa: S608
        f"SELECT {columns}, SUM(n) AS n FROM ("
        f"SELECT {columns}, 1 AS n FROM ({expected}) AS expected "
        f"UNION ALL SELECT {columns}, -1 AS n FROM {table}"
        f") AS together GROUP BY {columns} HAVING SUM(n) <> 0) AS differing"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        missing, extra = cursor.fetchone()
    return missing or 0, extra or 0
