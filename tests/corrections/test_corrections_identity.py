"""Correcting a complainant's identity: the CPS caseworkers who may see it correct it with a reason; the access log
records who, when and why, and the name never reaches the change history, the timeline or an address. The page never
reads the identity to show it, so opening it is not a read."""

import json
from datetime import date

import pytest

from accounts.roles import Role
from cases.models import Case, TimelineEvent
from corrections.models import Correction
from tests.clients import date_fields, signed_in
from tests.factories import make_case, make_user
from victims.identity import add_complainant
from victims.models import Complainant, IdentityRead, IdentityReadReason

pytestmark = pytest.mark.django_db

AREA = "Yorkshire and Humberside"
REASON = "Misspelt on the MG11: Jane Example should read Jayne Exemplar, as her passport shows."
NAMES = ("Jane", "Example", "Jayne", "Exemplar")


@pytest.fixture
def case() -> Case:
    return make_case(cps_area=AREA)


@pytest.fixture
def complainant(case: Case) -> Complainant:
    officer = make_user(Role.INVESTIGATOR)
    return add_complainant(actor=officer, case=case, name="Jane Example", phone="07700 900123")


def _url(complainant: Complainant) -> str:
    return f"/cases/{complainant.case_id}/corrections/complainants/{complainant.pk}/"


def _no_names(text: str) -> None:
    for name in NAMES:
        assert name not in text


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER])
def test_the_cps_corrects_a_name_with_the_reason_in_the_access_log_and_never_the_name_in_history(
    complainant: Complainant, role: Role
) -> None:
    corrector = make_user(role, cps_area=AREA, first_name="Priya", last_name="Shah")
    client = signed_in(corrector)
    form = client.get(_url(complainant)).content.decode()
    assert "Reason for the correction" in form
    _no_names(form)
    assert not IdentityRead.objects.exists(), "opening the page reads nothing"

    data = {"name": "Jayne Exemplar", "correction_reason": REASON}
    checked = client.post(_url(complainant), data).content.decode()
    assert "Check your correction" in checked
    assert "Jayne Exemplar" in checked, "what will replace the name, as typed"
    assert "Not shown" in checked, "what is recorded is not shown"
    assert "07700 900123" not in checked
    assert not IdentityRead.objects.exists()

    saved = client.post(_url(complainant), {**data, "confirmed": "yes"})
    assert saved.status_code == 302
    _no_names(saved["Location"])
    assert Complainant.objects.get(pk=complainant.pk).name == "Jayne Exemplar"

    logged = IdentityRead.objects.get()
    assert logged.reader == corrector
    assert logged.reason == IdentityReadReason.CORRECTION
    correction = Correction.objects.get(record="complainant")
    assert correction.identity_read_id == logged.pk, "the access log entry and its reason, together"
    assert correction.fields == ["Name"]
    assert correction.reason == (
        "Misspelt on the MG11: Complainant A should read Complainant A, as her passport shows."
    ), "the reason is kept, without the name it was or is"

    head = signed_in(make_user(Role.UNIT_HEAD, cps_area=AREA))
    history = head.get(f"/cases/{complainant.case_id}/history/").content.decode()
    assert "Corrected" in history
    assert "Misspelt on the MG11: Complainant A should read Complainant A" in history
    _no_names(history)
    access_log = head.get("/administration/access-log/").content.decode()
    assert "To check or correct the record" in access_log
    assert "Misspelt on the MG11: Complainant A should read Complainant A" in access_log, "the reason, in the log"
    _no_names(access_log)
    assert "Priya Shah" in access_log
    timeline = head.get(f"/cases/{complainant.case_id}/timeline/").content.decode()
    assert "Complainant A&#x27;s details corrected" in timeline
    _no_names(timeline)
    _no_names(" ".join(event.summary for event in TimelineEvent.objects.all()))
    _no_names(" ".join(json.dumps(event.payload) for event in TimelineEvent.objects.all()))
    historical = Complainant.history.model  # type: ignore[attr-defined]
    assert "name" not in {field.name for field in historical._meta.fields}, "identity is not copied into history"


def test_details_left_empty_stay_as_they_are(complainant: Complainant) -> None:
    client = signed_in(make_user(Role.PROSECUTOR, cps_area=AREA))
    data = {**date_fields("date_of_birth", date(1990, 3, 2)), "correction_reason": "Date of birth was missed"}
    assert client.post(_url(complainant), {**data, "confirmed": "yes"}).status_code == 302
    corrected = Complainant.objects.get(pk=complainant.pk)
    assert corrected.date_of_birth == "1990-03-02"
    assert corrected.name == "Jane Example"
    assert corrected.phone == "07700 900123"


@pytest.mark.parametrize("role", [Role.INVESTIGATOR, Role.POLICE_SUPERVISOR])
def test_the_police_cannot_correct_a_complainants_identity(complainant: Complainant, role: Role) -> None:
    client = signed_in(make_user(role))
    assert client.get(_url(complainant)).status_code == 403
    data = {"name": "Jayne Exemplar", "correction_reason": REASON, "confirmed": "yes"}
    assert client.post(_url(complainant), data).status_code == 403
    assert Complainant.objects.get(pk=complainant.pk).name == "Jane Example"
    assert not IdentityRead.objects.exists()


def test_outside_the_users_scope_it_is_a_404(complainant: Complainant) -> None:
    client = signed_in(make_user(Role.PROSECUTOR, cps_area="London South"))
    assert client.get(_url(complainant)).status_code == 404
    data = {"name": "Jayne Exemplar", "correction_reason": REASON, "confirmed": "yes"}
    assert client.post(_url(complainant), data).status_code == 404
    assert not IdentityRead.objects.exists()


def test_without_a_reason_nothing_is_corrected_or_logged(complainant: Complainant) -> None:
    client = signed_in(make_user(Role.PROSECUTOR, cps_area=AREA))
    page = client.post(_url(complainant), {"name": "Jayne Exemplar", "confirmed": "yes"}).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_correction_reason"' in page
    assert Complainant.objects.get(pk=complainant.pk).name == "Jane Example"
    assert not IdentityRead.objects.exists()
    assert not Correction.objects.exists()


def test_with_nothing_typed_there_is_nothing_to_correct(complainant: Complainant) -> None:
    client = signed_in(make_user(Role.PROSECUTOR, cps_area=AREA))
    page = client.post(_url(complainant), {"correction_reason": REASON}).content.decode()
    assert "Enter the details to correct" in page
    assert not IdentityRead.objects.exists()


def test_the_api_corrects_the_identity_and_never_answers_with_it(complainant: Complainant) -> None:
    client = signed_in(make_user(Role.PROSECUTOR, cps_area=AREA))
    path = f"/api/v1/corrections/complainants/{complainant.pk}/"
    response = client.patch(
        path, json.dumps({"phone": "07700 900456", "correction_reason": "Phone number changed"}), "application/json"
    )
    assert response.status_code == 200, response.content
    assert "07700" not in response.content.decode()
    assert response.json()["fields"] == ["Phone"]
    assert Complainant.objects.get(pk=complainant.pk).phone == "07700 900456"
    assert IdentityRead.objects.get().via == "api"
    police = signed_in(make_user(Role.INVESTIGATOR))
    refused = police.patch(path, json.dumps({"phone": "1", "correction_reason": "x"}), "application/json")
    assert refused.status_code == 403
    elsewhere = signed_in(make_user(Role.PROSECUTOR, cps_area="London South"))
    hidden = elsewhere.patch(path, json.dumps({"phone": "1", "correction_reason": "x"}), "application/json")
    assert hidden.status_code == 404
