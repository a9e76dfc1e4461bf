"""Every change to a journey record is kept (django-simple-history) and a case's unit head reads them on the case."""

from collections.abc import Callable
from datetime import date

import pytest
from django.apps import apps

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan
from audit.history import JOURNEY_RECORDS
from cases.models import Case, PoliceNfa, Referral, Suspect
from tests.clients import date_fields, signed_in
from tests.factories import make_case
from victims.models import IDENTITY_FIELDS, Complainant

pytestmark = pytest.mark.django_db
AREA = "Yorkshire and Humberside"


def test_a_police_nfa_and_its_suspects_change_are_in_the_case_history(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police", first_name="Olive", last_name="Grey")
    case = make_case(officer_in_charge=officer)
    suspect = Suspect.objects.get(case=case)
    client = signed_in(officer)
    url = f"/cases/{case.pk}/suspects/{suspect.pk}/police-nfa/"
    data = {
        **date_fields("nfa_on", date(2024, 6, 1)),
        "outcome_code": "15",
        "reason": "Evidential difficulties",
        "confirmed": "yes",
    }
    assert client.post(url, data).status_code == 302
    complainant = Complainant.objects.create(case=case, label="Complainant A", name="Jane Example")
    complainant.phone = "07700 900123"
    complainant.save()

    head = signed_in(user_of(Role.UNIT_HEAD, cps_area=AREA))
    page = head.get(f"/cases/{case.pk}/history/").content.decode()
    assert "Change history" in page
    nfa = PoliceNfa.objects.get(suspect=suspect)
    assert f"Police NFA {nfa.pk}" in page, "the record changed, named by its kind and number"
    assert "Olive Grey" in page, "who made the change"
    suspect_row = next(row for row in page.split("<tr") if f"Suspect {suspect.pk}</td>" in row and "Changed" in row)
    assert '<td class="govuk-table__cell">Status</td>' in suspect_row, "the suspect's status changed with the NFA"
    assert "Complainant" in page
    assert "Jane Example" not in page, "identity is never copied into the history"
    assert "07700" not in page


def test_only_the_cases_unit_head_reads_its_history(user_of: Callable[..., User]) -> None:
    case = make_case()
    url = f"/cases/{case.pk}/history/"
    officer = signed_in(user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police"))
    assert officer.get(url).status_code == 403
    elsewhere = signed_in(user_of(Role.UNIT_HEAD, cps_area="London South"))
    assert elsewhere.get(url).status_code == 404


# The tables of the journey apps that are not journey records: reference data, logs, and samples and surveys that
# belong to no one case.
NOT_JOURNEY_RECORDS = {
    "cases.offence",
    "cases.caseflag",
    "cases.readinessitem",
    "cases.timelineevent",
    "actionplans.reviewlevel",
    "actionplans.proportionalitysample",
    "victims.identityread",
    "victims.lettertemplate",
    "victims.surveyresponse",
    "victims.ownviewmessage",  # the own view's outbox, as reminders' e-mails: what was sent, not what was recorded
    # The history of the settings an administrator keeps, in their own apps (the ladder, the checklist, letters).
    "actionplans.historicalreviewlevel",
    "cases.historicalreadinessitem",
    "victims.historicallettertemplate",
}


def test_every_journey_record_keeps_history() -> None:
    """A new table in the journey apps fails here until it is registered for history (or named as not a record)."""
    tables = {
        model._meta.label_lower
        for app in ("cases", "actionplans", "victims")
        for model in apps.get_app_config(app).get_models()
    }
    registered = {model._meta.label_lower for model in JOURNEY_RECORDS}
    assert tables - NOT_JOURNEY_RECORDS == registered
    for model, kept in JOURNEY_RECORDS.items():
        assert not model.history.filter(**{kept.case_path: 0}).exists(), model  # type: ignore[attr-defined]


def test_each_app_keeps_its_records_history_in_audit_without_identity_or_copied_organisations() -> None:
    tables = {model: model.history.model._meta for model in JOURNEY_RECORDS}  # type: ignore[attr-defined]
    assert {table.app_label for table in tables.values()} == {"audit"}, "every history table is in the audit app"
    kept = {model: {field.name for field in table.fields} for model, table in tables.items()}
    assert "label" in kept[Complainant]
    assert not kept[Complainant] & set(IDENTITY_FIELDS), "a complainant's identity is never copied"
    for copier in (Suspect, Referral, ActionPlan):
        assert not kept[copier] & {"police_force", "cps_area"}, f"{copier} copies them from the case"
    assert {"police_force", "cps_area"} <= kept[Case], "the case keeps its own force and Area"
