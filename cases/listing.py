"""What a list of cases shows of each case beside its URN, force, Area and date: its suspects and the stage each is
at, what falls due next and when, the officer in charge and the allocated prosecutor. Read for a page of cases in
a fixed number of queries (the suspects, the people, one a kind of due item), whatever the number of cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from accounts.models import User
from cases.due import Due, next_due
from cases.models import Case, Suspect
from cases.transitions import SuspectStatus


@dataclass(frozen=True)
class CaseRow:
    case: Case
    suspects: list[tuple[str, str]]  # each suspect's label and the stage they are at: ("Suspect 1", "Awaiting trial")
    next_due: Due | None
    officer: User | None
    prosecutor: User | None
    today: date

    @property
    def overdue(self) -> bool:
        return self.next_due is not None and self.next_due.on < self.today

    @property
    def due_today(self) -> bool:
        return self.next_due is not None and self.next_due.on == self.today


def case_rows(cases: Iterable[Case], *, today: date) -> list[CaseRow]:
    """The rows of these cases, in their order."""
    cases = list(cases)
    ids = [case.pk for case in cases]
    suspects: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for case_id, label, status in Suspect.objects.filter(case_id__in=ids).values_list("case_id", "label", "status"):
        suspects[case_id].append((label, SuspectStatus(status).label))
    people_ids = {pk for case in cases for pk in (case.officer_in_charge_id, case.allocated_prosecutor_id) if pk}
    people = User.objects.in_bulk(people_ids) if people_ids else {}
    due = next_due(ids)
    return [
        CaseRow(
            case=case,
            suspects=suspects[case.pk],
            next_due=due.get(case.pk),
            officer=people.get(case.officer_in_charge_id) if case.officer_in_charge_id else None,
            prosecutor=people.get(case.allocated_prosecutor_id) if case.allocated_prosecutor_id else None,
            today=today,
        )
        for case in cases
    ]
