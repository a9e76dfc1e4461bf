"""The pre-charge API: the same services and scoping as the pages; 400 field errors, 409 refused moves, 404 scope."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import CpsArea, PoliceForce
from accounts.roles import Role
from tests.clients import post_json

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def police(client_of: Callable[..., Client]) -> Client:
    return client_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")


@pytest.fixture
def cps(client_of: Callable[..., Client]) -> Client:
    return client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")


def _case_and_suspect(police: Client) -> tuple[int, int]:
    case = post_json(
        police,
        "/api/v1/cases/",
        {
            "urn": "13AB1234524",
            "police_force": PoliceForce.objects.get(name="West Yorkshire Police").pk,
            "cps_area": CpsArea.objects.get(name="Yorkshire and Humberside").pk,
            "reported_on": str(timezone.localdate() - 100 * DAY),
            "offences": ["rape"],
            "flags": ["domestic_abuse"],
        },
    )
    assert case.status_code == 201, case.json()
    suspect = post_json(police, "/api/v1/suspects/", {"case": case.json()["id"], "name": "Named", "sex": "male"})
    assert suspect.status_code == 201, suspect.json()
    assert "name" not in suspect.json()
    return case.json()["id"], suspect.json()["id"]


def test_journey_through_the_api(police: Client, cps: Client) -> None:
    case_id, suspect_id = _case_and_suspect(police)
    advice = post_json(
        police,
        f"/api/v1/suspects/{suspect_id}/early-advice-requests/",
        {"requested_on": str(timezone.localdate() - 90 * DAY), "questions": "What further enquiries?"},
    )
    assert advice.status_code == 201
    assert advice.json()["due_on"] == str(timezone.localdate() - 69 * DAY)
    given = post_json(
        cps,
        f"/api/v1/referrals/{advice.json()['id']}/advice/",
        {"answered_on": str(timezone.localdate() - 80 * DAY), "advice": "Download the phone"},
    )
    assert given.status_code == 201
    referral = post_json(
        police,
        f"/api/v1/suspects/{suspect_id}/charging-referrals/",
        {"received_on": str(timezone.localdate() - 30 * DAY)},
    )
    assert referral.status_code == 201
    decision = post_json(
        cps,
        f"/api/v1/referrals/{referral.json()['id']}/decision/",
        {
            "test": "full_code",
            "outcome": "charge",
            "decided_on": str(timezone.localdate() - 2 * DAY),
            "evidential_reasons": "Strong",
            "public_interest_reasons": "Required",
            "bad_character": "not_applicable",
            "bad_character_rationale": "No previous",
            "suspect_conduct": "Planned",
            "charged_offences": ["rape"],
        },
    )
    assert decision.status_code == 201, decision.json()
    assert decision.json()["charged_offences"] == ["rape"]
    suspect = police.get(f"/api/v1/suspects/{suspect_id}/").json()
    assert suspect["status"] == "charged"
    events = cps.get(f"/api/v1/timeline-events/?case={case_id}&stage=early_advice").json()["results"]
    assert [e["verb"] for e in events] == ["early_advice_given", "early_advice_requested"]


def test_bad_input_is_a_400_with_field_errors(police: Client) -> None:
    response = post_json(
        police,
        "/api/v1/cases/",
        {
            "urn": "13AB12",
            "police_force": PoliceForce.objects.get(name="West Yorkshire Police").pk,
            "cps_area": CpsArea.objects.get(name="North East").pk,
            "reported_on": "2024-02-30",
            "offences": ["no_such_offence"],
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"reported_on", "offences"}
    response = post_json(
        police,
        "/api/v1/cases/",
        {
            "urn": "13AB12",
            "police_force": PoliceForce.objects.get(name="West Yorkshire Police").pk,
            "cps_area": CpsArea.objects.get(name="North East").pk,
            "reported_on": str(timezone.localdate()),
            "offences": ["rape"],
        },
    )
    assert response.status_code == 400
    assert response.json()["urn"][0].startswith("Enter a URN of 11 characters")


def test_a_move_the_journey_does_not_allow_is_a_409(police: Client, cps: Client) -> None:
    _, suspect_id = _case_and_suspect(police)
    path = f"/api/v1/suspects/{suspect_id}/early-advice-requests/"
    assert post_json(police, path, {"requested_on": str(timezone.localdate()), "questions": "Q"}).status_code == 201
    again = post_json(police, path, {"requested_on": str(timezone.localdate()), "questions": "Q"})
    assert again.status_code == 409
    assert "From here you can: give early advice" in again.json()["detail"]
    assert again.json()["status"] == "early_advice_requested"


def test_the_wrong_role_is_a_403(police: Client, cps: Client) -> None:
    _, suspect_id = _case_and_suspect(police)
    advice = post_json(
        police,
        f"/api/v1/suspects/{suspect_id}/early-advice-requests/",
        {"requested_on": str(timezone.localdate()), "questions": "Q"},
    ).json()
    refused = post_json(
        police, f"/api/v1/referrals/{advice['id']}/advice/", {"answered_on": str(timezone.localdate()), "advice": "A"}
    )
    assert refused.status_code == 403
    assert "cannot give early advice" in refused.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/{case}/",
        "/api/v1/suspects/{suspect}/",
        "/api/v1/referrals/{referral}/",
        "/api/v1/timeline-events/?case={case}",
        "/api/v1/charging-decisions/{decision}/",
        "/api/v1/prfis/{prfi}/",
    ],
)
def test_every_endpoint_answers_404_or_nothing_out_of_scope(
    path: str, police: Client, client_of: Callable[..., Client]
) -> None:
    case_id, suspect_id = _case_and_suspect(police)
    referral = post_json(
        police, f"/api/v1/suspects/{suspect_id}/charging-referrals/", {"received_on": str(timezone.localdate())}
    ).json()
    cps = client_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    prfi = post_json(
        cps, f"/api/v1/referrals/{referral['id']}/prfi/", {"prfi_on": str(timezone.localdate()), "reason": "r"}
    ).json()
    reopened = post_json(
        police, f"/api/v1/prfis/{prfi['id']}/reopen/", {"reopened_on": str(timezone.localdate())}
    ).json()
    decision = post_json(
        cps,
        f"/api/v1/referrals/{reopened['id']}/decision/",
        {
            "test": "full_code",
            "outcome": "nfa_evidential",
            "decided_on": str(timezone.localdate()),
            "evidential_reasons": "Insufficient",
            "bad_character": "not_applicable",
            "bad_character_rationale": "None known",
            "suspect_conduct": "Denies",
        },
    ).json()
    url = path.format(
        case=case_id, suspect=suspect_id, referral=referral["id"], decision=decision["id"], prfi=prfi["id"]
    )
    assert cps.get(url).status_code == 200
    for outsider in (
        client_of(Role.INVESTIGATOR, police_force="Kent Police"),
        client_of(Role.PROSECUTOR, cps_area="North East"),
        client_of(Role.ANALYST),
    ):
        response = outsider.get(url)
        if "?" in url:
            assert response.json()["results"] == []
        else:
            assert response.status_code == 404
    kent = client_of(Role.PROSECUTOR, cps_area="South East")
    assert (
        post_json(
            kent, f"/api/v1/referrals/{referral['id']}/prfi/", {"prfi_on": str(timezone.localdate()), "reason": "r"}
        ).status_code
        == 404
    )
    kent_officer = client_of(Role.INVESTIGATOR, police_force="Kent Police")
    naming = post_json(kent_officer, "/api/v1/suspects/", {"case": case_id})
    assert naming.status_code == 400, "a case outside the officer's force cannot be named"
    assert "case" in naming.json()


def test_schema_and_browsable_docs_for_a_signed_in_user(police: Client) -> None:
    schema = police.get("/api/schema/", headers={"Accept": "application/json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/suspects/{id}/early-advice-requests/",
        "/api/v1/referrals/{id}/decision/",
        "/api/v1/prfis/{id}/reopen/",
        "/api/v1/timeline-events/",
    ):
        assert path in paths
    docs = police.get("/api-docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
