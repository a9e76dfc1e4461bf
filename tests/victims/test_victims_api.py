"""The victims API: the same services and scoping as the pages; identity only by POST with a reason, logged."""

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from tests.clients import post_json, signed_in
from tests.factories import make_case
from victims.models import Complainant, IdentityRead

pytestmark = pytest.mark.django_db

SEEDED_NAME = "Ottoline Brightwater-Nkemelu"


def test_complainant_letter_and_identity_through_the_api(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    liaison = user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=100))
    police, cps = signed_in(officer), signed_in(liaison)

    created = post_json(police, "/api/v1/complainants/", {"case": case.pk, "name": SEEDED_NAME, "sex": "female"})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["label"] == "Complainant A"
    assert SEEDED_NAME not in created.content.decode()
    listed = police.get(f"/api/v1/complainants/?case={case.pk}")
    assert SEEDED_NAME not in listed.content.decode()

    complainant = body["id"]
    assert post_json(cps, f"/api/v1/complainants/{complainant}/identity/", {}).status_code == 400
    identity = post_json(cps, f"/api/v1/complainants/{complainant}/identity/", {"reason": "contact"})
    assert (identity.status_code, identity.json()["name"]) == (200, SEEDED_NAME)
    assert "no-store" in identity["Cache-Control"]
    assert list(IdentityRead.objects.values_list("via", "reason")) == [("api", "contact")]

    wishes = post_json(
        cps,
        f"/api/v1/complainants/{complainant}/wishes/",
        {"channel": "email", "updated_on": str(timezone.localdate())},
    )
    assert wishes.status_code == 201
    owed = post_json(
        cps,
        f"/api/v1/complainants/{complainant}/letters/",
        {"kind": "point_of_charge", "decision_on": str(timezone.localdate()), "decision": "Suspect 1: charge"},
    )
    assert owed.status_code == 201, owed.json()
    letter = owed.json()["id"]
    assert post_json(police, f"/api/v1/victim-letters/{letter}/draft/", {}).status_code == 403
    drafted = post_json(cps, f"/api/v1/victim-letters/{letter}/draft/", {})
    assert (drafted.status_code, drafted.json()["drafted"]) == (201, True)
    assert SEEDED_NAME not in drafted.content.decode()
    against = post_json(
        cps, f"/api/v1/victim-letters/{letter}/send/", {"sent_on": str(timezone.localdate()), "channel": "letter"}
    )
    assert against.status_code == 400
    assert against.json()["channel"] == ["Complainant A asked to be contacted by e-mail."]
    sent = post_json(
        cps,
        f"/api/v1/victim-letters/{letter}/send/",
        {"sent_on": str(timezone.localdate()), "channel": "letter", "against_wishes_acknowledged": True},
    )
    assert (sent.status_code, sent.json()["on_time"]) == (201, True)


def test_complainants_outside_scope_are_invisible(user_of: Callable[..., User]) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=100))
    complainant = post_json(
        signed_in(officer), "/api/v1/complainants/", {"case": case.pk, "name": SEEDED_NAME}
    ).json()["id"]
    # A caseworker elsewhere cannot name the case (400 on the field); other roles add no complainant at all (403).
    for outsider, refusal in (
        (user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="North East"), 400),
        (user_of(Role.ANALYST), 403),
        (user_of(Role.AUDITOR), 403),
    ):
        client = signed_in(outsider)
        assert client.get("/api/v1/complainants/").json()["count"] == 0
        assert (
            post_json(client, f"/api/v1/complainants/{complainant}/identity/", {"reason": "contact"}).status_code
            == 404
        )
        refused = post_json(client, "/api/v1/complainants/", {"case": case.pk, "name": "x"})
        assert refused.status_code == refusal
    assert IdentityRead.objects.count() == 0
    assert Complainant.objects.count() == 1


def test_the_api_schema_has_no_warnings() -> None:
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=StringIO())
