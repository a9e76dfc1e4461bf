"""What a complainant, or their ISVA, asks of the CPS from their own view (the ``portal`` pages): new communication
wishes, a call, a Victims' Right to Review, and that they no longer support the prosecution. Each is recorded on the
case's timeline and tells the Area's victim liaison officers by a reminder naming the case by its URN and the
complainant by their label; none acts on the case by itself (saying they no longer support it starts the officer's
follow-up and never records a withdrawal). The complainant reads the refusals, so they are in plain words and
translated; who may ask is checked here as well as on the pages."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from cases.limits import check_lengths
from cases.models.timeline import Stage, TimelineEvent, Verb
from cases.services.common import record_event
from deadlines import vrr_last_day
from reminders.audience import Place, people_at
from reminders.services import remind_on
from victims.invitations import standing
from victims.models import Communication, CommunicationWishes, Complainant, Invitation, OwnViewRequest, VrrRequest
from victims.models.communications import CommunicationKind
from victims.models.complainant import AccessibleFormat, Channel
from victims.models.limits import LANGUAGE_MAX_LENGTH, SAFE_TIMES_MAX_LENGTH
from victims.models.own_view import OwnViewRequestKind
from victims.own_view import follow_wishes
from victims.services import receive_vrr_request

# The wishes a complainant changes from their own view, named as the victim liaison officer reads them in the
# timeline and the reminder ("how to contact them, language").
WISHES_IN_WORDS = {
    "channel": "how to contact them",
    "safe_times": "safe times",
    "language": "language",
    "interpreter": "interpreter",
    "accessible_formats": "accessible formats",
    "copy_isva": "whether their ISVA is copied",
}

# Letters reporting a decision the complainant may ask to have reviewed.
REVIEWABLE_LETTERS = (CommunicationKind.NFA, CommunicationKind.DISCONTINUANCE)


def _asker(invitation: Invitation, *, complainant_only: bool) -> User:
    """The person asking, through an invitation that still stands; some things only the complainant may ask."""
    if invitation.user is None or not standing(invitation):
        raise PermissionDenied("This invitation no longer gives access to the case.")
    if complainant_only and (invitation.for_isva or invitation.user.role != Role.COMPLAINANT):
        raise PermissionDenied("Only the complainant can ask this.")
    return invitation.user


def _event(actor: User, invitation: Invitation, verb: Verb, **facts: str | bool) -> TimelineEvent:
    complainant = invitation.complainant
    isva = {"isva": True} if invitation.for_isva else {}
    return record_event(
        actor=actor,
        case=complainant.case,
        verb=verb,
        stage=Stage.VICTIM,
        payload={"complainant": complainant.label, **isva, **facts},
    )


def _tell_officers(complainant: Complainant, *, key: str, message: str) -> None:
    """Remind the Area's victim liaison officers today (at the start of the day, or at the next sweep when that has
    passed) until one of them answers."""
    case = complainant.case
    officers = people_at(Place(cps_area_id=case.cps_area_id), area_roles=[Role.VICTIM_LIAISON_OFFICER])
    remind_on(people=officers, about=case, key=key, on=timezone.localdate(), message=message)


@transaction.atomic
def change_own_wishes(
    *,
    invitation: Invitation,
    channel: str,
    safe_times: str,
    language: str,
    interpreter: bool,
    accessible_formats: list[str],
    copy_isva: bool,
) -> CommunicationWishes:
    """The complainant's new wishes, kept from today in the wishes' history; what changed is recorded on the
    timeline in plain words and the victim liaison officers are told. Saving the same wishes again changes
    nothing."""
    actor = _asker(invitation, complainant_only=True)
    complainant = invitation.complainant
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Select how you want us to contact you.")})
    formats = sorted(set(accessible_formats))
    if set(formats) - set(AccessibleFormat.values):
        raise ValidationError({"accessible_formats": _("Select formats from the list.")})
    check_lengths(limit=SAFE_TIMES_MAX_LENGTH, safe_times=safe_times)
    check_lengths(limit=LANGUAGE_MAX_LENGTH, language=language)
    if (channel == Channel.THROUGH_ISVA or copy_isva) and not complainant.shares_with_isva:
        raise ValidationError(_("You do not have an ISVA we can share with. Ask your victim liaison officer."))
    wanted = {
        "channel": channel,
        "safe_times": safe_times.strip(),
        "language": language.strip() or "English",
        "interpreter": interpreter,
        "accessible_formats": formats,
        "copy_isva": copy_isva,
    }
    wishes = CommunicationWishes.objects.select_for_update().filter(complainant=complainant).first()
    if wishes is None:
        wishes = CommunicationWishes(complainant=complainant)
    changed = [WISHES_IN_WORDS[name] for name, value in wanted.items() if getattr(wishes, name) != value]
    if wishes.pk is not None and not changed:
        return wishes
    for name, value in wanted.items():
        setattr(wishes, name, value)
    wishes.updated_on = timezone.localdate()
    wishes._history_user = actor  # type: ignore[attr-defined]
    wishes._change_reason = "Changed by the complainant from their own view"  # type: ignore[attr-defined]
    wishes.save()
    follow_wishes(complainant)
    in_words = ", ".join(changed)
    event = _event(actor, invitation, Verb.WISHES_CHANGED_BY_COMPLAINANT, changed=in_words)
    _tell_officers(
        complainant,
        key=f"own_view_wishes:{event.pk}",
        message=f"{complainant.label} changed their communication wishes from their own view: {in_words}",
    )
    return wishes


def _locked(invitation: Invitation) -> Invitation:
    """The invitation locked for this transaction, so that two requests made at once are checked one after the
    other."""
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("complainant__case", "user")
        .get(pk=invitation.pk)
    )


def waiting_request(invitation: Invitation, kind: str) -> OwnViewRequest | None:
    """Their request of this kind that no officer has answered yet: while one waits, another is refused."""
    return OwnViewRequest.objects.filter(invitation=invitation, kind=kind, answered_at__isnull=True).first()


def open_review(complainant: Complainant) -> VrrRequest | None:
    """Their Victims' Right to Review request that has no outcome yet, the newest."""
    return VrrRequest.objects.filter(complainant=complainant, outcome="").order_by("-received_on").first()


@transaction.atomic
def ask_to_be_called(*, invitation: Invitation) -> OwnViewRequest:
    """The complainant, or their ISVA, asks a victim liaison officer to call them (at the complainant's safe
    times); one request waits for an answer at a time."""
    invitation = _locked(invitation)
    actor = _asker(invitation, complainant_only=False)
    if waiting_request(invitation, OwnViewRequestKind.CALL_ME):
        raise ValidationError(_("You have already asked us to call you. A victim liaison officer will call you soon."))
    request = OwnViewRequest.objects.create(invitation=invitation, kind=OwnViewRequestKind.CALL_ME)
    _event(actor, invitation, Verb.CALL_REQUESTED)
    label = invitation.complainant.label
    who = f"The ISVA of {label}" if invitation.for_isva else label
    _tell_officers(
        invitation.complainant,
        key=f"own_view_request:{request.pk}",
        message=f"{who} asked to be called, from their own view",
    )
    return request


def _reviewable_letter_on(complainant: Complainant) -> date | None:
    """When the last letter reporting a decision to take no further action, or to stop the case, was sent to the
    complainant, if they have not asked for that decision to be reviewed already and no request of theirs is open."""
    sent_on = (
        Communication.objects.filter(complainant=complainant, kind__in=REVIEWABLE_LETTERS, sent_on__isnull=False)
        .order_by("-sent_on")
        .values_list("sent_on", flat=True)
        .first()
    )
    if sent_on is None:
        return None
    requests = VrrRequest.objects.filter(complainant=complainant)
    if requests.filter(outcome="").exists() or requests.filter(decision_letter_on__gte=sent_on).exists():
        return None
    return sent_on


def vrr_deadline(complainant: Complainant) -> date | None:
    """The last day the complainant may ask for a Victims' Right to Review: 3 months after the last letter reporting a
    decision to take no further action or to stop the case (it may have passed). None when there is no such letter,
    when they have asked about it already, or while a request of theirs is open."""
    sent_on = _reviewable_letter_on(complainant)
    return vrr_last_day(sent_on) if sent_on is not None else None


@transaction.atomic
def ask_for_review(*, invitation: Invitation) -> VrrRequest:
    """The complainant asks for a Victims' Right to Review of the decision their last such letter reported, received
    today, by the scheme's rules (victims.services.receive_vrr_request): only within its time limit, as a late request
    is accepted only exceptionally, by a caseworker."""
    invitation = _locked(invitation)
    actor = _asker(invitation, complainant_only=True)
    complainant = Complainant.objects.select_for_update().select_related("case").get(pk=invitation.complainant_id)
    sent_on = _reviewable_letter_on(complainant)
    if sent_on is None:
        raise ValidationError(_("There is no decision for you to ask us to review."))
    today = timezone.localdate()
    if today > vrr_last_day(sent_on):
        day = date_format(vrr_last_day(sent_on), "j F Y")
        raise ValidationError(_("The time to ask for a review ended on %(day)s.") % {"day": day})
    request = receive_vrr_request(
        actor=actor, complainant=complainant, decision_letter_on=sent_on, received_on=today, late_exceptional=False
    )
    _tell_officers(
        complainant,
        key=f"own_view_vrr:{request.pk}",
        message=f"{complainant.label} asked for a Victims' Right to Review from their own view",
    )
    return request


@transaction.atomic
def say_no_longer_supports(*, invitation: Invitation) -> OwnViewRequest:
    """The complainant says they no longer support the prosecution. It starts the victim liaison officer's follow-up
    and changes nothing else: support is recorded as withdrawn only by a caseworker who has talked it through with
    them (victims.services.record_withdrawal)."""
    invitation = _locked(invitation)
    actor = _asker(invitation, complainant_only=True)
    if waiting_request(invitation, OwnViewRequestKind.NO_LONGER_SUPPORTS):
        raise ValidationError(
            _("You have already told us. A victim liaison officer will contact you to talk it through.")
        )
    request = OwnViewRequest.objects.create(invitation=invitation, kind=OwnViewRequestKind.NO_LONGER_SUPPORTS)
    _event(actor, invitation, Verb.NO_LONGER_SUPPORTS)
    complainant = invitation.complainant
    _tell_officers(
        complainant,
        key=f"own_view_request:{request.pk}",
        message=f"{complainant.label} said they no longer support the prosecution, from their own view: "
        "contact them to talk it through",
    )
    return request
