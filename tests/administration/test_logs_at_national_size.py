"""Access and export log filters at national size keep a constant query count: thousands of entries across several
Areas and people ask the database no more often than a log of three, whichever filters are used, on the first page
and on a later one."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.models import Export, Purpose
from cases.models import Case
from tests.clients import date_fields, signed_in
from tests.factories import area, force, make_case, make_user
from victims.identity import reader_name
from victims.models import IdentityRead, IdentityReadReason

pytestmark = pytest.mark.django_db

ACCESS, EXPORTS = reverse("administration:access-log"), reverse("administration:export-log")
FORCES = ["West Yorkshire Police", "Northumbria Police", "South Wales Police"]
AREAS = ["Yorkshire and Humberside", "North East", "Cymru-Wales"]
EACH = 800  # entries per Area, in each log
NATIONAL_ONLY = ("organisation", "case_area")


def _people() -> list[User]:
    people = []
    for police_force, cps_area in zip(FORCES, AREAS, strict=True):
        people.append(make_user(Role.INVESTIGATOR, police_force=police_force))
        people.append(make_user(Role.VICTIM_LIAISON_OFFICER, cps_area=cps_area))
    return people


def _log(cases: list[Case], people: list[User], count: int) -> None:
    """``count`` reads and downloads in each Area, by its two people, for every reason and purpose in turn."""
    reasons, purposes = IdentityReadReason.values, Purpose.values
    reads, exports = [], []
    for n, case in enumerate(cases):
        for i in range(count):
            person = people[2 * n + i % 2]
            reads.append(
                IdentityRead(
                    case=case,
                    case_urn=case.urn,
                    complainant_label="Complainant A",
                    reader=person,
                    reader_name=reader_name(person),
                    reason=reasons[i % len(reasons)],
                    via="page",
                )
            )
            exports.append(
                Export(
                    user=person,
                    user_name=person.get_full_name(),
                    cps_area_id=person.cps_area_id,
                    police_force_id=person.police_force_id,
                    what=f"Team workload {i}",
                    filename="workload.csv",
                    purpose=purposes[i % len(purposes)],
                    via="page",
                )
            )
    IdentityRead.objects.bulk_create(reads, batch_size=500)
    Export.objects.bulk_create(exports, batch_size=500)


def _queries(client: Client, url: str, query: dict[str, str]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    assert not response.context["form"].errors, query
    return len(captured), response.context["page"]


def _filters(people: list[User], reason: str) -> dict[str, dict[str, str]]:
    today = date_fields("start", timezone.localdate()) | date_fields("end", timezone.localdate())
    return {
        "none": {},
        "person": {"person": people[1].last_name},
        "force": {"organisation": f"force-{force(FORCES[0]).pk}"},
        "Area": {"organisation": f"area-{area(AREAS[1]).pk}"},
        "reason": {"reason": reason},
        "dates": today,
        "everything": {"person": "test", "organisation": f"area-{area(AREAS[2]).pk}", "reason": reason, **today},
    }


def test_access_and_export_log_filters_at_national_size_keep_a_constant_query_count() -> None:
    people = _people()
    cases = [make_case(police_force=name) for name in FORCES]
    auditor, areas_auditor = signed_in(make_user(Role.AUDITOR)), signed_in(make_user(Role.AUDITOR, cps_area=AREAS[0]))
    _log(cases, people, 2)  # a small log: a read and a download by each person
    for client in (auditor, areas_auditor):
        client.get(ACCESS)  # the session's first request may settle it: not what is measured
    small = {
        (ACCESS, "national"): _queries(auditor, ACCESS, {})[0],
        (EXPORTS, "national"): _queries(auditor, EXPORTS, {})[0],
        (ACCESS, "Area"): _queries(areas_auditor, ACCESS, {})[0],
        (EXPORTS, "Area"): _queries(areas_auditor, EXPORTS, {})[0],
    }

    _log(cases, people, EACH)
    assert IdentityRead.objects.count() == Export.objects.count() == len(AREAS) * (EACH + 2)
    by_log = {
        ACCESS: {
            **_filters(people, IdentityReadReason.CONTACT),
            "case's Area": {"case_area": f"area-{area(AREAS[0]).pk}"},
            "case": {"case": cases[1].urn},
        },
        EXPORTS: {**_filters(people, Purpose.SCRUTINY), "what": {"case": "workload 1"}},
    }
    for url, log_filters in by_log.items():
        for name, query in log_filters.items():
            for who, client in (("national", auditor), ("Area", areas_auditor)):
                # An Area's auditor chooses no other Area or force, and no case's Area.
                theirs = query if who == "national" else {k: v for k, v in query.items() if k not in NATIONAL_ONLY}
                count, first = _queries(client, url, theirs)
                assert count == small[url, who], f"{url} filtered by {name}, as an {who} auditor: page 1"
                later = {**theirs, "before": str(first.older or first.entries[-1].pk if first.entries else 1)}
                count, _ = _queries(client, url, later)
                assert count == small[url, who], f"{url} filtered by {name}, as an {who} auditor: a later page"

    _, national = _queries(auditor, ACCESS, {})
    assert national.paginator.more, "more than a thousand entries: counted no further"
    assert len(national.entries) == 50
    page = auditor.get(ACCESS).content.decode()
    assert "More than 1,000 entries." in page
    _, older = _queries(auditor, ACCESS, {"before": str(national.older)})
    assert older.entries[0].pk < national.entries[-1].pk, "the next older entries, with none repeated"
    _, newer = _queries(auditor, ACCESS, {"after": str(older.newer)})
    assert [entry.pk for entry in newer.entries] == [entry.pk for entry in national.entries], "and back again"
    _, areas = _queries(areas_auditor, EXPORTS, {})
    assert areas.paginator.count == EACH // 2 + 1, "the downloads of the Area's own people: not its police force's"
