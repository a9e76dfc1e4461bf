"""What staff read of a complainant's own view: for the complainant and for their ISVA, where their access stands in
words (not invited, invited and where the link is, joined, when they last looked, ended and why), and what the
complainant did from it (wishes changed, open requests). Read for a whole case in a fixed number of queries, for the
complainants tab and the own-view page alike."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Prefetch
from django.utils import timezone

from cases.models import TimelineEvent
from cases.models.timeline import Verb
from govuk.wording import day_in_words, in_a_sentence, moment_in_words
from reminders.models import EmailState
from victims.models import Invitation, OwnViewMessage, OwnViewRequest
from victims.models.own_view import MessageKind
from victims.own_view_messages import NO_TEXT_PROVIDER


@dataclass
class Access:
    """One person's access: the invitation that stands (or the last one, ended), and its state in words."""

    for_isva: bool
    standing: Invitation | None = None
    tag: str = "Not invited"
    lines: list[str] = field(default_factory=list)
    failed: bool = False  # the link's message went to the dead letter: send a new link

    @property
    def can_invite(self) -> bool:
        return self.standing is None

    @property
    def can_send_new_link(self) -> bool:
        return self.standing is not None and self.standing.accepted_at is None


@dataclass
class OwnView:
    """A complainant's own view as staff see it."""

    complainant: Access
    isva: Access
    changes: list[TimelineEvent] = field(default_factory=list)  # wishes they changed, newest first
    open_requests: list[OwnViewRequest] = field(default_factory=list)

    @property
    def people(self) -> list[tuple[str, Access]]:
        """The complainant's access and their ISVA's, as the complainants tab names them."""
        return [("Complainant", self.complainant), ("ISVA", self.isva)]


def _link_lines(invitation: Invitation) -> tuple[list[str], bool]:
    """Where the invitation's link is: sent, waiting (and why), or failed."""
    sent_to = invitation.get_channel_display().lower()
    links = [m for m in invitation.messages.all() if m.kind == MessageKind.INVITATION]
    last = links[-1] if links else None
    expiry = f"The link expires {moment_in_words(invitation.expires_at)}"
    if invitation.expires_at <= timezone.now():
        expiry = f"The link expired {moment_in_words(invitation.expires_at)}: send a new link"
    if last is None or last.state in (EmailState.PENDING, EmailState.SENDING):
        waiting = f" ({last.last_error.lower()})" if last is not None and last.last_error == NO_TEXT_PROVIDER else ""
        return [f"Link not sent yet by {sent_to}{waiting}", expiry], False
    if last.state == EmailState.DEAD:
        return [f"The {sent_to} with the link failed ({last.last_error}): check the address and send a new link"], True
    assert last.sent_at is not None  # noqa: S101 - a sent message has its time
    return [f"Link sent by {sent_to} on {day_in_words(timezone.localdate(last.sent_at))}", expiry], False


def _access(for_isva: bool, invitations: list[Invitation], ended_because: dict[bool, str]) -> Access:
    mine = [i for i in invitations if i.for_isva == for_isva]  # newest first
    access = Access(for_isva=for_isva)
    if not mine:
        return access
    latest = mine[0]
    if latest.revoked_at is not None:
        access.tag = "Ended"
        because = ended_because.get(for_isva, "")
        access.lines = [
            f"Ended on {day_in_words(timezone.localdate(latest.revoked_at))}"
            + (f": {in_a_sentence(because)}" if because else "")
        ]
        return access
    access.standing = latest
    if latest.accepted_at is None:
        access.tag = "Invited"
        lines, access.failed = _link_lines(latest)
        access.lines = [f"Invited on {day_in_words(timezone.localdate(latest.created_at))}", *lines]
        return access
    access.tag = "Joined"
    looked = latest.last_looked_at
    access.lines = [
        f"Joined on {day_in_words(timezone.localdate(latest.accepted_at))}",
        f"Last looked {moment_in_words(looked)}" if looked else "Has not looked since joining",
    ]
    return access


def own_views(case_id: int) -> dict[int, OwnView]:
    """Every complainant's own view on the case, by complainant id: four queries whatever the case holds."""
    invitations: dict[int, list[Invitation]] = defaultdict(list)
    for invitation in (
        Invitation.objects.filter(complainant__case_id=case_id)
        .annotate(label=F("complainant__label"))
        .order_by("-created_at", "-id")
        .prefetch_related(
            Prefetch("messages", queryset=OwnViewMessage.objects.order_by("created_at", "id")),
            Prefetch(
                "requests",
                queryset=OwnViewRequest.objects.filter(answered_at__isnull=True).order_by("made_at", "id"),
                to_attr="open_requests",
            ),
        )
    ):
        invitations[invitation.complainant_id].append(invitation)
    ended: dict[str, dict[bool, str]] = defaultdict(dict)
    changes: dict[str, list[TimelineEvent]] = defaultdict(list)
    events = TimelineEvent.objects.filter(
        case_id=case_id, verb__in=[Verb.OWN_VIEW_ENDED, Verb.WISHES_CHANGED_BY_COMPLAINANT]
    ).order_by("-occurred_at", "-id")
    for event in events:
        label = str(event.payload.get("complainant", ""))
        if event.verb == Verb.WISHES_CHANGED_BY_COMPLAINANT:
            changes[label].append(event)
        else:
            ended[label].setdefault(bool(event.payload.get("isva")), str(event.payload.get("reason", "")))
    views = {}
    for complainant_id, theirs in invitations.items():
        label = str(getattr(theirs[0], "label"))  # noqa: B009 - annotated
        views[complainant_id] = OwnView(
            complainant=_access(False, theirs, ended[label]),
            isva=_access(True, theirs, ended[label]),
            changes=changes[label],
            open_requests=[request for i in theirs for request in i.open_requests],  # type: ignore[attr-defined]
        )
    return views


def own_view_of(case_id: int, complainant_id: int) -> OwnView:
    return own_views(case_id).get(complainant_id) or OwnView(complainant=Access(False), isva=Access(True))
