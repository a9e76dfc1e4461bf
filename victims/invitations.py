"""An invitation's link and its use: the single-use secret in the link (only its hash is kept), accepting it with a
GOV.UK One Login identity, and whether an invitation still stands, which every own-view page asks on every request.

The link's secret is a bearer credential until it is used: it is never logged or stored, only hashed. Accepting it
binds the One Login subject to an own-view account, the one already bound to the subject (an ISVA with several
complainants, a complainant with several cases) or a new one holding no name, e-mail address or password: the
service keeps who the complainant is in their encrypted identity, never in their account."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.invitations import link_hash, new_link_secret
from accounts.models import User
from accounts.roles import OWN_VIEW_ROLES, Role
from cases.models.timeline import Stage, Verb
from cases.services.common import record_event
from victims.models import Communication, CommunicationWishes, IdentityRead, IdentityReadReason, Invitation
from victims.own_view import STILL_ELIGIBLE, eligibility_problems

NO_LONGER_USABLE = "This invitation can no longer be used."


def issue_link_secret(invitation: Invitation) -> str:
    """A new secret for the invitation's link; any earlier link stops working."""
    secret = new_link_secret()
    invitation.token_hash = link_hash(secret)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=invitation.token_hash)
    return secret


def invitation_url(secret: str) -> str:
    return settings.SERVICE_URL + reverse("portal:invitation", kwargs={"token": secret})


def _pending() -> QuerySet[Invitation]:
    return Invitation.objects.filter(revoked_at__isnull=True, accepted_at__isnull=True, expires_at__gt=timezone.now())


def pending_invitation(secret: str) -> Invitation | None:
    """The invitation the link names while it can still be accepted: sent, not yet used, not ended, not expired."""
    if not secret:
        return None
    return _pending().filter(token_hash=link_hash(secret)).select_related("complainant__case").first()


@transaction.atomic
def accept_invitation(*, hashed: str, subject: str) -> User:
    """Use the link, once: the One Login subject is bound to the invitation's own-view account and the case's
    timeline says they joined. ValidationError when the link no longer works, the complainant may no longer be
    invited, or the One Login identity is another kind of account's."""
    invitation = _pending().select_for_update().filter(token_hash=hashed).first() if hashed else None
    if invitation is None:
        raise ValidationError(NO_LONGER_USABLE)
    complainant = invitation.complainant
    if problems := eligibility_problems(complainant, for_isva=invitation.for_isva):
        raise ValidationError(problems)
    role = Role.ISVA if invitation.for_isva else Role.COMPLAINANT
    user = User.objects.filter(one_login_subject=subject).first()
    if user is None:
        user = User(username=f"own-view-{uuid.uuid4()}", role=role, email="", one_login_subject=subject)
        user.set_unusable_password()
        user.save()
    elif user.role != role or not user.is_active:
        raise ValidationError("This GOV.UK One Login account cannot accept this invitation.")
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    payload: dict[str, str | bool] = {"complainant": complainant.label}
    if invitation.for_isva:
        payload["isva"] = True
    record_event(actor=user, case=complainant.case, verb=Verb.JOINED_OWN_VIEW, stage=Stage.VICTIM, payload=payload)
    return user


def standing(invitation: Invitation) -> bool:
    """Accepted, not ended, and the complainant may still be invited (for an ISVA: they still consent to sharing)."""
    return _standing().filter(pk=invitation.pk).exists()


def _standing() -> QuerySet[Invitation]:
    return Invitation.objects.filter(STILL_ELIGIBLE, accepted_at__isnull=False, revoked_at__isnull=True)


def standing_invitations(user: User) -> QuerySet[Invitation]:
    """The user's invitations that stand, as a queryset the portal's pages can filter further."""
    if not user.is_authenticated or user.role not in OWN_VIEW_ROLES:
        return Invitation.objects.none()
    return _standing().filter(user=user).select_related("complainant__case", "user")


def has_standing(user: User) -> bool:
    return standing_invitations(user).exists()


def invitation_for(user: User, public_id: uuid.UUID | str) -> Invitation:
    """The user's standing invitation with that public id: any other (someone else's, ended) is a 404."""
    invitation = standing_invitations(user).filter(public_id=public_id).first()
    if invitation is None:
        raise Http404
    return invitation


def letters_shown(invitation: Invitation) -> QuerySet[Communication]:
    """The letters sent to the complainant that the invitation shows: all of them to the complainant, and to their
    ISVA only when the complainant asked for their ISVA to be copied (a letter names the complainant)."""
    sent = Communication.objects.filter(complainant_id=invitation.complainant_id, sent_on__isnull=False)
    if (
        invitation.for_isva
        and not CommunicationWishes.objects.filter(complainant_id=invitation.complainant_id, copy_isva=True).exists()
    ):
        return sent.none()
    return sent.order_by("sent_on", "id")


def record_look(invitation: Invitation, *, page: str) -> None:
    """A page showing the case was opened: the access log the auditor reads has it, and staff see when they last
    looked."""
    record_looks([invitation], page=page)


def record_looks(invitations: list[Invitation], *, page: str) -> None:
    """A page showing several cases was opened (an ISVA's list of the complainants they support): one look at each,
    written together so the page asks the database as often for one case as for many."""
    reads = []
    for invitation in invitations:
        if invitation.user is None:
            raise ValueError("Only an accepted invitation shows the case.")
        complainant = invitation.complainant
        who = f"ISVA of {complainant.label}" if invitation.for_isva else "Complainant"
        reads.append(
            IdentityRead(
                complainant=complainant,
                case_id=complainant.case_id,
                case_urn=complainant.case.urn,
                complainant_label=complainant.label,
                reader=invitation.user,
                reader_name=f"{who} (own view)",
                reason=IdentityReadReason.OWN_VIEW,
                note=f"Page: {page}",
                via="portal",
            )
        )
    IdentityRead.objects.bulk_create(reads)
    Invitation.objects.filter(pk__in=[each.pk for each in invitations]).update(last_looked_at=timezone.now())
