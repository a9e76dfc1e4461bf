"""Every case page, taken from the URLconf, answers 404 to a user of another force or Area."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Hearing, Suspect, Trial
from cases.services.court import set_judge_direction
from cases.services.precharge import prfi_referral, refer_for_charging_decision
from cases.urls import urlpatterns
from tests.clients import signed_in
from tests.factories import make_case

pytestmark = pytest.mark.django_db

# Each page that names a case in its URL, with the URL parameters it takes.
# An unnamed page would show as "None", which reverse() refuses.
CASE_PAGES = {str(p.name): list(p.pattern.converters) for p in urlpatterns if "pk" in p.pattern.converters}


def test_every_page_under_a_case_is_covered() -> None:
    assert {"detail", "timeline", "record-charging-decision", "reopen-referral", "court", "readiness"} <= set(
        CASE_PAGES
    )


@pytest.mark.parametrize("name", sorted(CASE_PAGES))
@pytest.mark.parametrize(
    ("role", "organisation"),
    [(Role.INVESTIGATOR, {"police_force": "Kent Police"}), (Role.PROSECUTOR, {"cps_area": "North East"})],
)
def test_case_page_is_404_outside_scope(
    name: str, role: Role, organisation: dict[str, str], user_of: Callable[..., User]
) -> None:
    officer = user_of(Role.INVESTIGATOR, police_force="West Yorkshire Police")
    prosecutor = user_of(Role.PROSECUTOR, cps_area="Yorkshire and Humberside")
    case = make_case(officer_in_charge=officer, reported_on=timezone.localdate() - timedelta(days=30))
    suspect = Suspect.objects.get(case=case)
    referral = refer_for_charging_decision(actor=officer, suspect=suspect, received_on=timezone.localdate())
    prfi = prfi_referral(actor=prosecutor, referral=referral, prfi_on=timezone.localdate(), reason="r")
    trial = Trial.objects.create(suspect=suspect, listed_for=timezone.localdate())
    hearing = Hearing.objects.create(suspect=suspect, court="crown", kind="ptph", held_on=timezone.localdate())
    direction = set_judge_direction(
        actor=prosecutor,
        case=case,
        direction="Serve the download",
        set_on=timezone.localdate(),
        due_on=timezone.localdate(),
    )
    ids = {
        "pk": case.pk,
        "suspect_pk": suspect.pk,
        "referral_pk": referral.pk,
        "prfi_pk": prfi.pk,
        "trial_pk": trial.pk,
        "hearing_pk": hearing.pk,
        "direction_pk": direction.pk,
    }
    url = reverse(f"cases:{name}", kwargs={param: ids[param] for param in CASE_PAGES[name]})

    outsider = signed_in(user_of(role, **organisation))
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {}).status_code == 404
    insider = signed_in(officer)
    assert insider.get(url).status_code in (200, 403)
