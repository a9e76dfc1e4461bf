"""Victims pages as each role uses them: complainants by label, identity only after a reason (logged once), letters
against the complainant's wishes interrupted, the access log for unit heads and auditors, and 404 outside scope."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.limits import too_long
from cases.models import Case
from tests.clients import date_fields, post_json, signed_in
from tests.factories import make_case
from victims.identity import add_complainant, read_identity
from victims.letters import record_letter_owed
from victims.models import (
    Communication,
    CommunicationWishes,
    Complainant,
    IdentityRead,
    Invitation,
    OwnViewRequest,
    PreTrialMeeting,
    VrrRequest,
)
from victims.models.limits import DECISION_MAX_LENGTH
from victims.services import offer_meeting, record_vrr_request
from victims.urls import urlpatterns

pytestmark = pytest.mark.django_db

SEEDED_NAME = "Philippa Wrenford-Achterberg"
AREA = "Yorkshire and Humberside"


@pytest.fixture
def case(officer: User) -> Case:
    return make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=200))


def test_the_tab_shows_labels_and_identity_needs_a_reason(officer: User, liaison: User, case: Case) -> None:
    complainant = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    client = signed_in(liaison)
    tab = client.get(reverse("victims:case-complainants", args=[case.pk])).content.decode()
    assert "Complainant A" in tab
    assert SEEDED_NAME not in tab
    assert "Exit this page" in tab

    url = reverse("victims:identity", args=[case.pk, complainant.pk])
    ask = client.get(url)
    assert SEEDED_NAME not in ask.content.decode()
    assert ask["Cache-Control"].count("no-store") == 1
    refused = client.post(url, {})
    assert "Select why you need to see the details" in refused.content.decode()
    assert IdentityRead.objects.count() == 0
    shown = client.post(url, {"reason": "contact"})
    assert SEEDED_NAME in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    assert list(IdentityRead.objects.values_list("reader", "reason", "via")) == [(liaison.pk, "contact", "page")]


def test_adding_a_complainant_through_the_page(officer: User, case: Case) -> None:
    response = signed_in(officer).post(
        reverse("victims:new-complainant", args=[case.pk]),
        {
            "name": SEEDED_NAME,
            "phone": "07700 900456",
            "enhanced_rights": "yes",
            "vulnerable": "no",
            "intimidated": "yes",
            "sex": "female",
            "age_band": "not_recorded",
            "ethnicity": "not_recorded",
            "disability": "not_recorded",
            "religion_or_belief": "not_recorded",
            "sexual_orientation": "not_recorded",
            "gender_reassignment": "not_recorded",
            "marriage_or_civil_partnership": "not_recorded",
            "pregnancy_or_maternity": "not_recorded",
        },
    )
    assert response["Location"] == reverse("victims:case-complainants", args=[case.pk])
    complainant = case.complainants.get()
    assert (complainant.label, complainant.name, complainant.sex) == ("Complainant A", SEEDED_NAME, "female")


def test_recording_a_letter_sent_against_the_wishes_is_interrupted(officer: User, liaison: User, case: Case) -> None:
    complainant = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    client = signed_in(liaison)
    client.post(
        reverse("victims:wishes", args=[case.pk, complainant.pk]),
        {"channel": "email", "language": "English", **date_fields("updated_on", timezone.localdate())},
    )
    letter = record_letter_owed(
        actor=liaison, complainant=complainant, kind="point_of_charge", decision_on=timezone.localdate()
    )
    letter_url = reverse("victims:letter", args=[case.pk, letter.pk])
    assert SEEDED_NAME not in client.get(letter_url).content.decode()
    drafted = client.post(letter_url, {"action": "draft"}).content.decode()
    assert f"Dear {SEEDED_NAME}," in drafted
    assert IdentityRead.objects.filter(via="letter").count() == 1

    send_url = reverse("victims:send-letter", args=[case.pk, letter.pk])
    data = {**date_fields("sent_on", timezone.localdate()), "channel": "letter"}
    interruption = client.post(send_url, data).content.decode()
    assert "Complainant A asked to be contacted by e-mail." in interruption
    assert Communication.objects.get(pk=letter.pk).sent_on is None
    client.post(send_url, {**data, "confirmed": "yes"})
    sent = Communication.objects.get(pk=letter.pk)
    assert (sent.sent_on, sent.channel, sent.on_time) == (timezone.localdate(), "letter", True)


def test_letters_due_shows_late_ones(officer: User, liaison: User, case: Case) -> None:
    complainant = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    record_letter_owed(
        actor=liaison,
        complainant=complainant,
        kind="nfa",
        decision_on=timezone.localdate() - timedelta(days=20),
        decision="NFA",
    )
    page = signed_in(liaison).get(reverse("victims:letters-due")).content.decode()
    assert case.urn in page
    assert "Late" in page
    assert SEEDED_NAME not in page
    assert signed_in(officer).get(reverse("victims:letters-due")).status_code == 403


def test_access_log_for_unit_heads_and_auditors_only(
    officer: User, liaison: User, case: Case, user_of: Callable[..., User]
) -> None:
    complainant = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    read_identity(actor=liaison, complainant=complainant, reason="court", via="page")
    for reader in (
        user_of(Role.UNIT_HEAD, cps_area=AREA),
        user_of(Role.AUDITOR),
        user_of(Role.AUDITOR, cps_area=AREA),
    ):
        page = signed_in(reader).get(reverse("administration:access-log"), {"case": case.urn})
        assert [r.reason for r in page.context["page"].entries] == ["court"]
        assert SEEDED_NAME not in page.content.decode()
    assert (
        not signed_in(user_of(Role.UNIT_HEAD, cps_area="North East"))
        .get(reverse("administration:access-log"))
        .context["page"]
        .entries
    )
    for refused in (liaison, officer, user_of(Role.ANALYST)):
        assert signed_in(refused).get(reverse("administration:access-log")).status_code == 403


def own_view_invitation(complainant: Complainant, sent_by: User) -> Invitation:
    """An invitation to the complainant's own view, as victims.own_view.invite leaves it."""
    expires_at = timezone.now() + timedelta(days=14)
    return Invitation.objects.create(complainant=complainant, channel="email", sent_by=sent_by, expires_at=expires_at)


# An unnamed page would show as "None", which reverse() refuses.
CASE_PAGES = {str(p.name): list(p.pattern.converters) for p in urlpatterns if "pk" in p.pattern.converters}


def test_every_victims_page_under_a_case_is_covered() -> None:
    assert {"case-complainants", "identity", "letter", "send-letter", "vrr-outcome", "answer-meeting"} <= set(
        CASE_PAGES
    )


@pytest.mark.parametrize("name", sorted(CASE_PAGES))
def test_victims_page_is_404_outside_scope(
    name: str, officer: User, liaison: User, case: Case, user_of: Callable[..., User]
) -> None:
    complainant = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    prosecutor = user_of(Role.PROSECUTOR, cps_area=AREA)
    letter = record_letter_owed(actor=liaison, complainant=complainant, kind="introduction")
    meeting: PreTrialMeeting = offer_meeting(
        actor=prosecutor, complainant=complainant, offered_on=timezone.localdate()
    )
    vrr: VrrRequest = record_vrr_request(
        actor=prosecutor,
        complainant=complainant,
        decision_letter_on=timezone.localdate(),
        received_on=timezone.localdate(),
        late_exceptional=False,
    )
    ids = {
        "pk": case.pk,
        "complainant_pk": complainant.pk,
        "letter_pk": letter.pk,
        "meeting_pk": meeting.pk,
        "vrr_pk": vrr.pk,
        "invitation_pk": (invitation := own_view_invitation(complainant, liaison)).pk,
        "request_pk": OwnViewRequest.objects.create(invitation=invitation, kind="call_me").pk,
    }
    url = reverse(f"victims:{name}", kwargs={param: ids[param] for param in CASE_PAGES[name]})
    for outsider in (
        user_of(Role.INVESTIGATOR, police_force="Kent Police"),
        user_of(Role.VICTIM_LIAISON_OFFICER, cps_area="North East"),
    ):
        assert signed_in(outsider).get(url).status_code == 404
        assert signed_in(outsider).post(url, {"reason": "contact", "action": "draft"}).status_code == 404
    assert IdentityRead.objects.count() == 0
    assert signed_in(liaison).get(url).status_code == 200


def test_page_api_and_service_refuse_an_over_long_decision_in_the_same_words(
    officer: User, liaison: User, case: Case
) -> None:
    complainant = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    decision = "Suspect 1: " + "x" * DECISION_MAX_LENGTH
    refusal = too_long(DECISION_MAX_LENGTH)
    with pytest.raises(ValidationError) as refused:
        record_letter_owed(actor=liaison, complainant=complainant, kind="discontinuance", decision=decision)
    assert refused.value.message_dict == {"decision": [refusal]}
    client = signed_in(liaison)
    page = client.post(
        reverse("victims:letter-owed", args=[case.pk, complainant.pk]),
        {"kind": "discontinuance", "decision": decision, **date_fields("decision_on", timezone.localdate())},
    )
    assert refusal in page.content.decode()
    api = post_json(
        client,
        f"/api/v1/complainants/{complainant.pk}/letters/",
        {"kind": "discontinuance", "decision": decision, "decision_on": str(timezone.localdate())},
    )
    assert (api.status_code, api.json()["decision"]) == (400, [refusal])
    assert not Communication.objects.filter(complainant=complainant).exists()


def test_a_language_left_blank_is_english_on_the_page_and_in_the_api(officer: User, liaison: User, case: Case) -> None:
    first = add_complainant(actor=officer, case=case, name=SEEDED_NAME)
    second = add_complainant(actor=officer, case=case, name="Another Person")
    client = signed_in(liaison)
    client.post(
        reverse("victims:wishes", args=[case.pk, first.pk]),
        {"channel": "email", "language": "", **date_fields("updated_on", timezone.localdate())},
    )
    api = post_json(
        client,
        f"/api/v1/complainants/{second.pk}/wishes/",
        {"channel": "email", "language": "", "updated_on": str(timezone.localdate())},
    )
    assert api.status_code == 201, api.json()
    assert list(CommunicationWishes.objects.order_by("complainant__label").values_list("language", flat=True)) == [
        "English",
        "English",
    ]
