"""The staff side of the complainant's own view: who may be invited, inviting (or sending a new link), ending an
invitation, and answering what a complainant asked for from their own view. Pages call these; the portal's sign-in
(victims.invitations) asks ``eligibility_problems`` again on every request, so access ends as soon as a bar appears.

Only a victim liaison officer, unit head or prosecutor of the case's Area acts here (the letter writers): the own
view is part of the CPS's work with the complainant under the Victims' Code."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from cases.characteristics import AgeBand
from cases.limits import check_lengths
from cases.models.timeline import Stage, Verb
from cases.services.common import record_event, years_before
from reminders.models import EmailState
from reminders.services import cancel_reminders
from victims.identity import Identity, read_identity, require_caseworker
from victims.letters import LETTER_WRITERS
from victims.models import Complainant, IdentityReadReason, Invitation, InvitationChannel, Isva, OwnViewRequest
from victims.models.complainant import Channel, CommunicationWishes
from victims.models.own_view import MessageKind, OwnViewMessage
from victims.own_view_messages import queue_message

ADULT_AGE = 18
# A UK mobile number as people write it: 07… or +44 7…, with spaces or hyphens anywhere.
UK_MOBILE = re.compile(r"(?:\+44|0044|0)7\d{9}")


class EndReason(models.TextChoices):
    """Why a caseworker ended an invitation, as the timeline says it (plain words, no names)."""

    COMPLAINANTS_REQUEST = "complainants_request", "At the complainant's request"
    SAFEGUARDING = "safeguarding", "Safeguarding concern"
    WRONG_PERSON = "wrong_person", "Sent to the wrong person"
    OTHER = "other", "Other"


# Why the service itself ended an ISVA's invitation (victims.services.record_isva).
CONSENT_WITHDRAWN = "the complainant no longer consents to sharing with their ISVA"
ISVA_CHANGED = "the complainant's ISVA changed"


def _require_letter_writer(actor: User, complainant: Complainant) -> None:
    require_caseworker(actor, complainant.case)
    LETTER_WRITERS.require(actor.role)


def _event(actor: User | None, invitation: Invitation, verb: Verb, **facts: str) -> None:
    payload: dict[str, str | bool] = {"complainant": invitation.complainant.label, **facts}
    if invitation.for_isva:
        payload["isva"] = True
    record_event(actor=actor, case=invitation.complainant.case, verb=verb, stage=Stage.VICTIM, payload=payload)


def _wishes(complainant: Complainant) -> CommunicationWishes | None:
    return CommunicationWishes.objects.filter(complainant=complainant).first()


def _isva(complainant: Complainant) -> Isva | None:
    return Isva.objects.filter(complainant=complainant).first()


def _under_18_on_record(identity: Identity, today: date) -> bool:
    if not identity.date_of_birth:
        return False
    return date.fromisoformat(identity.date_of_birth) > years_before(today, ADULT_AGE)


def _problems(complainant: Complainant, *, for_isva: bool, identity: Identity | None) -> list[str]:
    label = complainant.label
    problems = []
    # A child is never invited; a ChISVA, who supports children, may be (with the complainant's consent).
    if not for_isva and (
        complainant.age_band == AgeBand.UNDER_18
        or (identity is not None and _under_18_on_record(identity, timezone.localdate()))
    ):
        problems.append(f"{label} is under 18: children cannot be invited to see their case.")
    wishes = _wishes(complainant)
    if wishes is None:
        problems.append(f"Record the communication wishes of {label} first.")
    elif wishes.no_contact:
        problems.append(f"{label} has said they want no contact.")
    if for_isva:
        isva = _isva(complainant)
        if isva is None:
            problems.append(f"No ISVA is recorded for {label}.")
        elif not isva.consent_to_share:
            problems.append(f"{label} has not consented to sharing with their ISVA.")
    return problems


# ``_problems`` without the date of birth, as a filter of invitations, so that every own-view request asks the same
# number of queries whatever the user's invitations (victims.invitations.standing): the complainant's wishes are
# recorded and are not "no contact"; for the complainant, not under 18; for an ISVA, one recorded with the
# complainant's consent to sharing. tests/victims/test_own_view.py checks the two agree.
STILL_ELIGIBLE = Q(complainant__wishes__no_contact=False) & (
    Q(for_isva=False, complainant__age_band__in=[band for band in AgeBand.values if band != AgeBand.UNDER_18])
    | Q(for_isva=True, complainant__isva__consent_to_share=True)
)


def eligibility_problems(complainant: Complainant, *, for_isva: bool) -> list[str]:
    """Why the complainant (or their ISVA) may no longer see the case, in plain words, asked on every portal request
    (so only the age band, not the encrypted date of birth, which ``invite`` reads too, a logged read); empty when
    they may. Support withdrawn is no bar: a complainant who withdrew may still want to follow the case."""
    return _problems(complainant, for_isva=for_isva, identity=None)


def isva_channel(contact: str) -> str | None:
    """The channel an ISVA's recorded contact can take: an e-mail address, or a UK mobile for a text; else None."""
    contact = contact.strip()
    compact = re.sub(r"[\s\-()]", "", contact)
    if UK_MOBILE.fullmatch(compact):
        return InvitationChannel.TEXT
    try:
        validate_email(contact)
    except ValidationError:
        return None
    return InvitationChannel.EMAIL


def _channel(complainant: Complainant, *, for_isva: bool, identity: Identity) -> str:
    """Where the link goes: the complainant's chosen channel, or the ISVA's recorded contact. A refusal otherwise."""
    label = complainant.label
    if for_isva:
        isva = _isva(complainant)
        channel = isva_channel(isva.contact) if isva else None
        if channel is None:
            raise ValidationError(
                f"The contact recorded for the ISVA of {label} is not an e-mail address or a UK mobile number."
            )
        return channel
    wishes = _wishes(complainant)
    channel = message_channel(wishes)
    if channel == InvitationChannel.EMAIL and not identity.email:
        raise ValidationError(f"{label} asked to be contacted by e-mail, but no e-mail address is recorded.")
    if channel == InvitationChannel.TEXT and not UK_MOBILE.fullmatch(re.sub(r"[\s\-()]", "", identity.phone)):
        raise ValidationError(f"The phone number recorded for {label} is not a UK mobile number for a text.")
    if channel is not None:
        return channel
    raise ValidationError(
        f"{label} asked to be contacted by {wishes.get_channel_display().lower() if wishes else 'no channel'}: "
        "the invitation goes by e-mail or text message only."
    )


def message_channel(wishes: CommunicationWishes | None) -> str | None:
    """How the own view may write to the complainant, by their wishes now: e-mail, or a text when they chose the
    phone; None when their wishes rule out both (a letter, through their ISVA, no contact)."""
    if wishes is None or wishes.no_contact:
        return None
    by_wish: dict[str, str] = {Channel.EMAIL: InvitationChannel.EMAIL, Channel.PHONE: InvitationChannel.TEXT}
    return by_wish.get(wishes.channel)


def follow_wishes(complainant: Complainant) -> None:
    """After the complainant's wishes change (by them or by staff): their invitation and its waiting messages take
    the channel the wishes now give. Where the wishes rule out e-mail and texts, the sender holds back what waits
    (victims.own_view_outbox refuses a message its channel no longer fits)."""
    channel = message_channel(_wishes(complainant))
    if channel is None:
        return
    standing = Invitation.objects.filter(complainant=complainant, for_isva=False, revoked_at__isnull=True)
    standing.update(channel=channel)
    OwnViewMessage.objects.filter(invitation__in=standing, state=EmailState.PENDING).update(channel=channel)


def _check(actor: User, complainant: Complainant, *, for_isva: bool) -> str:
    """Every refusal before an invitation's link is sent, with all the bars at once; the channel otherwise."""
    _require_letter_writer(actor, complainant)
    if not settings.ONE_LOGIN_CLIENT_ID:
        raise ValidationError("The own view is not switched on here.")
    identity = read_identity(actor=actor, complainant=complainant, reason=IdentityReadReason.CONTACT, via="invitation")
    if problems := _problems(complainant, for_isva=for_isva, identity=identity):
        raise ValidationError(problems)
    return _channel(complainant, for_isva=for_isva, identity=identity)


def _expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


@transaction.atomic
def invite(*, actor: User, complainant: Complainant, for_isva: bool) -> Invitation:
    """Invite the complainant, or their ISVA, to see the case: the link goes by their channel once this commits. One
    invitation stands per person: while it does, ``send_new_link`` sends it again."""
    locked = Complainant.objects.select_for_update().get(pk=complainant.pk)
    if Invitation.objects.filter(complainant=locked, for_isva=for_isva, revoked_at__isnull=True).exists():
        raise ValidationError("An invitation already stands: send a new link instead.")
    channel = _check(actor, locked, for_isva=for_isva)
    invitation = Invitation.objects.create(
        complainant=locked, for_isva=for_isva, channel=channel, sent_by=actor, expires_at=_expiry()
    )
    _event(actor, invitation, Verb.INVITED_TO_OWN_VIEW)
    queue_message(invitation, MessageKind.INVITATION)
    return invitation


@transaction.atomic
def send_new_link(*, actor: User, invitation: Invitation) -> Invitation:
    """A new link for an invitation not yet used: it works for another ``INVITATION_DAYS`` and the old link stops
    working when the new one is sent (victims.invitations.issue_link_secret keeps one hash)."""
    locked = Invitation.objects.select_for_update().select_related("complainant__case").get(pk=invitation.pk)
    if locked.revoked_at is not None:
        raise ValidationError("This invitation has ended: invite them again.")
    if locked.accepted_at is not None:
        raise ValidationError("They have already joined: they sign in with GOV.UK One Login, with no new link.")
    locked.channel = _check(actor, locked.complainant, for_isva=locked.for_isva)
    locked.sent_by = actor
    locked.expires_at = _expiry()
    locked.save(update_fields=["channel", "sent_by", "expires_at"])
    _event(actor, locked, Verb.INVITED_TO_OWN_VIEW)
    queue_message(locked, MessageKind.INVITATION)
    return locked


def end_invitation(*, actor: User | None, invitation: Invitation, reason: str) -> None:
    """End a standing invitation now, with the reason in plain words; the caller holds the transaction."""
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    _event(actor, invitation, Verb.OWN_VIEW_ENDED, reason=reason)


@transaction.atomic
def revoke(*, actor: User, invitation: Invitation, reason: str) -> Invitation:
    """End the complainant's or ISVA's access at once (their next request is refused), or stop a link not yet used.
    ``reason`` is in plain words, as the timeline shows it (the page offers ``EndReason``'s)."""
    _require_letter_writer(actor, invitation.complainant)
    if not reason.strip():
        raise ValidationError({"reason": "Select why you are ending their access."})
    check_lengths(reason=reason)
    locked = Invitation.objects.select_for_update().select_related("complainant__case").get(pk=invitation.pk)
    if locked.revoked_at is not None:
        raise ValidationError("This invitation has already ended.")
    end_invitation(actor=actor, invitation=locked, reason=reason.strip())
    return locked


@transaction.atomic
def answer_request(*, actor: User, request: OwnViewRequest) -> OwnViewRequest:
    """Record that a caseworker answered what the complainant asked for (a call, or their saying they no longer
    support the prosecution): it leaves the list of open requests, and the officers' reminder of it, if not yet
    delivered, is not (victims.own_requests raised it)."""
    _require_letter_writer(actor, request.invitation.complainant)
    locked = OwnViewRequest.objects.select_for_update().get(pk=request.pk)
    if locked.answered_at is not None:
        raise ValidationError("This request has already been answered.")
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save(update_fields=["answered_at", "answered_by"])
    cancel_reminders(key_prefix=f"own_view_request:{locked.pk}:")
    return locked
