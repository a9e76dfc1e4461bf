"""A world with one of every record a route or API operation names, all inside West Yorkshire Police and the
Yorkshire and Humberside Area, built through the service functions the pages use; and one person of every role
working there; the case's complainant in their own view, and with their consent their ISVA, each through an invitation
they accepted. The authorisation matrix asks every route about it as every role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.test import override_settings

from accounts.models import User
from accounts.roles import OWN_VIEW_ROLES, Role
from actionplans.models import Action, ProportionalityReview, ProportionalitySample, ReviewLevel, ReviewPoint
from actionplans.services import answer_action, set_action_plan
from cases.models import Case, Prosecution, Suspect, TimelineEvent
from cases.models.court import HearingKind, ReadinessItem, Result
from cases.models.precharge import DecisionOutcome
from cases.services.court import (
    list_trial,
    record_hearing,
    record_outcome,
    record_sending,
    record_sentence,
    set_judge_direction,
)
from cases.services.precharge import (
    give_early_advice,
    prfi_referral,
    record_police_nfa,
    refer_for_charging_decision,
    request_early_advice,
    triage_referral,
)
from reminders.models import Notification
from scorecards.journey_import import new_import
from scorecards.models import Snapshot
from scorecards.periods import quarter as financial_quarter
from scorecards.periods import quarter_index
from scorecards.services import publish_snapshot
from scrutiny.models import SampledDecision, Verdict
from scrutiny.services import create_panel, record_finding
from scrutiny.services import draw_sample as draw_scrutiny_sample
from tests.factories import area, force, full_code_decision, make_case, make_user, planned_actions, suspect_with_facts
from victims.identity import add_complainant
from victims.invitations import accept_invitation, issue_link_secret, link_hash
from victims.letters import open_letter, record_letter_owed, send_letter
from victims.models import CommunicationKind, Complainant, Invitation
from victims.models.complainant import Channel, IsvaKind
from victims.own_requests import ask_to_be_called
from victims.own_view import invite
from victims.services import offer_meeting, record_isva, record_vrr_request, record_wishes

FORCE = "West Yorkshire Police"
AREA = "Yorkshire and Humberside"
DAY = date(2024, 6, 3)
# The One Login identities the complainant and their ISVA sign in with.
COMPLAINANT_SUBJECT = "world-complainant"
ISVA_SUBJECT = "world-isva"
# The own view switched on: a One Login client whose provider is never asked here (nothing listens on port 9).
ONE_LOGIN = "http://127.0.0.1:9"
OWN_VIEW_SETTINGS = {
    "ONE_LOGIN_CLIENT_ID": "rasso-own-view",
    "ONE_LOGIN_CLIENT_SECRET": "a-client-secret-for-the-tests-only",
    "ONE_LOGIN_ISSUER": ONE_LOGIN,
    "ONE_LOGIN_AUTHORIZATION_ENDPOINT": f"{ONE_LOGIN}/authorize",
    "ONE_LOGIN_TOKEN_ENDPOINT": f"{ONE_LOGIN}/token",
    "ONE_LOGIN_USER_ENDPOINT": f"{ONE_LOGIN}/userinfo",
    "ONE_LOGIN_JWKS_ENDPOINT": f"{ONE_LOGIN}/.well-known/jwks.json",
}


@dataclass
class World:
    people: dict[Role, User]
    case: Case
    ids: dict[str, int]  # each record a route names, by the name of its address's parameter
    # the invitation each own-view role accepted (its public id names the case in the own view's addresses)
    invitations: dict[Role, Invitation] = field(default_factory=dict)


def _people() -> dict[Role, User]:
    """Staff of every role; the own-view roles' users are made when they accept their invitations."""
    return {role: make_user(role, police_force=FORCE, cps_area=AREA if role != Role.ADMINISTRATOR else "")
            for role in Role if role not in OWN_VIEW_ROLES}  # fmt: skip


def accepted(invitation: Invitation, subject: str) -> Invitation:
    """The invitation sent (its link's secret made) and used by the person signed in to One Login as ``subject``."""
    accept_invitation(hashed=link_hash(issue_link_secret(invitation)), subject=subject)
    invitation.refresh_from_db()
    return invitation


def _own_view(
    complainant: Complainant, liaison: User, people: dict[Role, User], invitations: dict[Role, Invitation]
) -> dict[str, int]:
    """The complainant, who wants e-mails, invited to their own view (switched on while they are: the pages that
    show it need ``OWN_VIEW_SETTINGS`` too); their ISVA, to whom they consent to sharing, too; both accept. A letter
    sent to the complainant, and a request they made from it for a call."""
    record_wishes(actor=liaison, complainant=complainant, channel=Channel.EMAIL, updated_on=DAY)
    record_isva(
        actor=liaison,
        complainant=complainant,
        kind=IsvaKind.ISVA,
        organisation="Leeds Sexual Assault Referral Centre",
        contact="isva@example.org",
        consent_to_share=True,
    )
    for role, for_isva, subject in ((Role.COMPLAINANT, False, COMPLAINANT_SUBJECT), (Role.ISVA, True, ISVA_SUBJECT)):
        with override_settings(**OWN_VIEW_SETTINGS):
            invitation = accepted(invite(actor=liaison, complainant=complainant, for_isva=for_isva), subject)
        assert invitation.user is not None
        people[role] = invitation.user
        invitations[role] = invitation
    letter = open_letter(actor=liaison, complainant=complainant, kind=CommunicationKind.MEETING_OFFER)
    send_letter(actor=liaison, letter=letter, sent_on=DAY, channel=Channel.EMAIL)
    request = ask_to_be_called(invitation=invitations[Role.COMPLAINANT])
    return {"letter": letter.pk, "invitation_pk": invitations[Role.COMPLAINANT].pk, "request_pk": request.pk}


def _suspect(case: Case) -> Suspect:
    return suspect_with_facts(case=case, label=f"Suspect {Suspect.objects.filter(case=case).count() + 1}")


def _sentenced(case: Case, officer: User, prosecutor: User) -> Prosecution:
    """A new suspect of the case charged, sent, pleading guilty at the PTPH and sentenced."""
    suspect = _suspect(case)
    full_code_decision(
        prosecutor=prosecutor,
        referral=refer_for_charging_decision(actor=officer, suspect=suspect, received_on=DAY),
        outcome=DecisionOutcome.CHARGE,
        decided_on=DAY,
    )
    record_sending(actor=prosecutor, suspect=suspect, sent_on=DAY, remanded_in_custody=False)
    ptph = record_hearing(
        actor=prosecutor,
        suspect=suspect,
        court="crown",
        court_name="Leeds Crown Court",
        kind=HearingKind.PTPH,
        held_on=DAY,
        plea="guilty",
    )
    record_outcome(actor=prosecutor, suspect=suspect, result=Result.GUILTY_PLEA, completed_on=DAY, hearing=ptph)
    return record_sentence(actor=prosecutor, suspect=suspect, sentence="Six years' imprisonment", sentenced_on=DAY)


def build_world(into: World | None = None) -> World:
    """A new world; or, ``into`` an existing one, one more of every record (in its case, by its people)."""
    people = into.people if into else _people()
    invitations = into.invitations if into else {}
    officer, prosecutor, head = people[Role.INVESTIGATOR], people[Role.PROSECUTOR], people[Role.UNIT_HEAD]
    case = into.case if into else make_case(police_force=FORCE, cps_area=AREA, officer_in_charge=officer)
    advised = _suspect(case) if into else Suspect.objects.get(case=case)
    early_advice = request_early_advice(actor=officer, suspect=advised, requested_on=DAY, questions="Which lines?")

    planned = _suspect(case)
    referral = refer_for_charging_decision(actor=officer, suspect=planned, received_on=DAY)
    triage_referral(actor=prosecutor, referral=referral, accepted=True, on=DAY)
    plan = set_action_plan(actor=prosecutor, referral=referral, set_on=DAY, actions=planned_actions(2, due_on=DAY))
    action, answered = Action.objects.filter(plan=plan).order_by("number")
    answer_action(actor=officer, action=answered, answered_on=DAY, response="CCTV obtained and viewed")

    paused = _suspect(case)
    prfi = prfi_referral(
        actor=prosecutor,
        referral=refer_for_charging_decision(actor=officer, suspect=paused, received_on=DAY),
        prfi_on=DAY,
        reason="Awaiting the phone download",
    )

    charged = _suspect(case)
    decision = full_code_decision(
        prosecutor=prosecutor,
        referral=refer_for_charging_decision(actor=officer, suspect=charged, received_on=DAY),
        outcome=DecisionOutcome.CHARGE,
        decided_on=DAY,
    )
    prosecution = record_sending(actor=prosecutor, suspect=charged, sent_on=DAY, remanded_in_custody=False)
    hearing = record_hearing(
        actor=prosecutor,
        suspect=charged,
        court="crown",
        court_name="Leeds Crown Court",
        kind=HearingKind.PTPH,
        held_on=DAY,
        plea="not_guilty",
    )
    trial = list_trial(actor=prosecutor, suspect=charged, listed_for=date(2025, 3, 3))
    direction = set_judge_direction(actor=prosecutor, case=case, direction="Serve the ABE", set_on=DAY, due_on=DAY)

    dropped = _suspect(case)
    nfa = record_police_nfa(
        actor=officer, suspect=dropped, nfa_on=DAY, outcome_code="15", reason="Evidential difficulties"
    )

    # Records a correction needs there to be: early advice given, and a prosecution to its outcome and sentence.
    given = give_early_advice(
        actor=prosecutor,
        referral=request_early_advice(actor=officer, suspect=_suspect(case), requested_on=DAY, questions="Which?"),
        answered_on=DAY,
        advice="Obtain the phone download first",
    )
    sentenced = _sentenced(case, officer, prosecutor)

    complainant = add_complainant(actor=officer, case=case, name="Jane Example", email="jane@example.org")
    letter = record_letter_owed(
        actor=prosecutor, complainant=complainant, kind=CommunicationKind.NFA, decision_on=DAY, decision="NFA"
    )
    meeting = offer_meeting(actor=prosecutor, complainant=complainant, offered_on=DAY)
    vrr = record_vrr_request(
        actor=prosecutor, complainant=complainant, decision_letter_on=DAY, received_on=DAY, late_exceptional=False
    )

    panel = create_panel(actor=head, meets_on=date(2024, 10, 1), forces=[force(FORCE)], members="Panel members")
    sample = draw_scrutiny_sample(
        actor=head, panel=panel, period_from=date(2024, 4, 1), period_to=date(2024, 9, 30), per_force=5, seed=1
    )
    proportionality = ProportionalityReview.objects.create(
        sample=ProportionalitySample.objects.create(cps_area=area(AREA), seed=1, size=1, population=1, drawn_by=head),
        suspect=planned,
    )
    quarter = financial_quarter(quarter_index(DAY))
    snapshot = Snapshot.objects.filter(period=quarter.label).first() or publish_snapshot(
        actor=people[Role.ADMINISTRATOR], period=quarter
    )
    journey_import = new_import(f"journeys-{case.pk}-{advised.pk}.jsonl", [f"{advised.pk}".encode()],
                                uploaded_by=people[Role.ANALYST])  # fmt: skip
    journey_import.save()
    decided = SampledDecision.objects.filter(sample=sample).first()
    assert decided is not None, "the sample drew no decision"
    finding = record_finding(actor=head, decision=decided, verdict=Verdict.APPROPRIATE, recorded_on=date(2024, 10, 1))
    ids = {
        "suspect_pk": advised.pk,
        "referral_pk": early_advice.pk,
        "prfi_pk": prfi.pk,
        "trial_pk": trial.pk,
        "hearing_pk": hearing.pk,
        "direction_pk": direction.pk,
        "action_pk": action.pk,
        "decision_pk": decision.pk,
        "nfa_pk": nfa.pk,
        "prosecution_pk": sentenced.pk,
        "advice_given_pk": given.pk,  # an early-advice referral answered with advice
        "answered_action_pk": answered.pk,
        "plan_pk": plan.pk,
        "review_pk": proportionality.pk,
        "complainant_pk": complainant.pk,
        "meeting_pk": meeting.pk,
        "vrr_pk": vrr.pk,
        "letter_pk": letter.pk,
        "panel": panel.pk,
        "sample": sample.pk,
        "sampled_decision": decided.pk,
        "snapshot": snapshot.pk,
        "journey_import": journey_import.pk,
    }
    ids |= _own_view(complainant, people[Role.VICTIM_LIAISON_OFFICER], people, invitations)
    event = TimelineEvent.objects.filter(case=case).first()
    review_point = ReviewPoint.objects.filter(plan=plan).first()
    assert event is not None
    assert review_point is not None
    # the API's records by their resource's name
    ids |= {
        "cases": case.pk,
        "suspects": advised.pk,
        "referrals": early_advice.pk,
        "charging-decisions": decision.pk,
        "prfis": prfi.pk,
        "timeline-events": event.pk,
        "hearings": hearing.pk,
        "prosecutions": prosecution.pk,
        "trials": trial.pk,
        "judge-directions": direction.pk,
        "action-plans": plan.pk,
        "actions": action.pk,
        "action-plan-reviews": review_point.pk,
        "proportionality-reviews": proportionality.pk,
        "complainants": complainant.pk,
        "victim-letters": letter.pk,
        "vrr-requests": vrr.pk,
        "pre-trial-meetings": meeting.pk,
        "scrutiny-panels": panel.pk,
        "scrutiny-samples": sample.pk,
        "scrutiny-decisions": decided.pk,
        "scrutiny-findings": finding.pk,
        "scorecards": snapshot.pk,
        # The administration's records: a person, a level of the escalation ladder, a line of the readiness checklist.
        "person": people[Role.INVESTIGATOR].pk,
        "review_level": ReviewLevel.objects.earliest("days").pk,
        "readiness_item": ReadinessItem.objects.order_by("position", "id")[0].pk,
    }
    for person in people.values():
        ids[f"notification:{person.role}"] = Notification.objects.create(
            recipient=person, about=case, message="A reminder"
        ).pk
    return World(people=people, case=case, ids=ids, invitations=invitations)
