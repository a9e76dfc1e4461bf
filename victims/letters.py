"""Letters to complainants under the Victims' Code: the clock starts at the decision (a charging decision opens the
letter that reports it), the text is drafted from the administrator's template in the language the complainant asked
for (English or Welsh), read and edited by the officer, and the letter is recorded as sent, with a warning first when
the channel or the language goes against the complainant's wishes. Reminders name the case by URN and the complainant
by label only."""

from __future__ import annotations

from datetime import date, timedelta
from string import Template
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Doers, Role
from cases.limits import check_lengths
from cases.models import ChargingDecision, Hearing
from cases.models.precharge import NFA_OUTCOMES, DecisionOutcome
from cases.models.timeline import Stage, Verb
from cases.services.common import check_date, record_event, require_in_scope
from cases.transitions import CPS
from deadlines import letter_due
from reminders.audience import Place, people_at
from reminders.services import cancel_reminders, remind_on
from victims.identity import read_identity
from victims.language import WELSH, language_code, writes_in_english
from victims.models import Communication, CommunicationKind, Complainant, IdentityReadReason, LetterTemplate
from victims.models.communications import DECISION_LETTERS, LetterLanguage
from victims.models.complainant import Channel, CommunicationWishes
from victims.models.limits import DECISION_MAX_LENGTH

LETTER_WRITERS = Doers(CPS | {Role.VICTIM_LIAISON_OFFICER}, "record the CPS's work with complainants")


def _require_letter_writer(actor: User, complainant: Complainant) -> None:
    require_in_scope(actor, complainant.case)
    LETTER_WRITERS.require(actor.role)


def _remind(letter: Communication) -> None:
    """Tell the Area's victim liaison officers on the day the letter is due, and again the next day if it is late:
    two reminders about one item (``letter:<pk>``), so a catch-up after both fell due tells only "overdue"."""
    if letter.due_on is None:
        return
    case = letter.complainant.case
    officers = people_at(Place(cps_area_id=case.cps_area_id), area_roles=[Role.VICTIM_LIAISON_OFFICER])
    what = f"{letter.short_name} to {letter.complainant.label}"
    remind_on(
        people=officers, about=case, key=f"letter:{letter.pk}:due", on=letter.due_on, message=f"{what} is due today"
    )
    remind_on(
        people=officers,
        about=case,
        key=f"letter:{letter.pk}:overdue",
        on=letter.due_on + timedelta(days=1),
        message=f"{what} is overdue (due {letter.due_on:%-d %B %Y})",
    )


@transaction.atomic
def open_letter(
    *, actor: User | None, complainant: Complainant, kind: str, decision_on: date | None = None, decision: str = ""
) -> Communication:
    """A letter the complainant is owed; one that reports a decision starts its Victims' Code clock."""
    if kind not in CommunicationKind.values:
        raise ValidationError({"kind": "Select the kind of letter."})
    due_on = None
    if kind in DECISION_LETTERS:
        if decision_on is None:
            raise ValidationError({"decision_on": "Enter the date of the decision the letter reports."})
        check_date("decision_on", decision_on)
        due_on = letter_due(decision_on, enhanced_rights=complainant.enhanced_rights)
    letter = Communication.objects.create(
        complainant=complainant, kind=kind, decision_on=decision_on, decision=decision, due_on=due_on
    )
    _remind(letter)
    record_event(
        actor=actor,
        case=complainant.case,
        verb=Verb.LETTER_DUE,
        stage=Stage.VICTIM,
        payload={"letter": letter.short_name, "complainant": complainant.label, "due_on": due_on},
    )
    return letter


def record_letter_owed(
    *, actor: User, complainant: Complainant, kind: str, decision_on: date | None = None, decision: str = ""
) -> Communication:
    """A caseworker records a letter the service could not open by itself (discontinuance, a substantially altered
    charge, an introduction, a meeting offer)."""
    _require_letter_writer(actor, complainant)
    check_lengths(limit=DECISION_MAX_LENGTH, decision=decision)
    return open_letter(actor=actor, complainant=complainant, kind=kind, decision_on=decision_on, decision=decision)


_LETTER_FOR_OUTCOME = {DecisionOutcome.CHARGE: CommunicationKind.POINT_OF_CHARGE} | {
    outcome: CommunicationKind.NFA for outcome in NFA_OUTCOMES
}


def open_letters_for_decision(*, decision: ChargingDecision, actor: User) -> None:
    """A charge or a CPS decision to take no further action is reported to every complainant of the case."""
    kind = _LETTER_FOR_OUTCOME.get(DecisionOutcome(decision.outcome))
    if kind is None:
        return
    suspect = decision.referral.suspect
    for complainant in Complainant.objects.filter(case_id=suspect.case_id).select_related("case"):
        open_letter(
            actor=actor,
            complainant=complainant,
            kind=kind,
            decision_on=decision.decided_on,
            decision=f"{suspect.label}: {decision.get_outcome_display()}",
        )


LETTER_TEXT_MAX_LENGTH = 20_000


def letter_language(wishes: CommunicationWishes | None) -> str | None:
    """The language of the letters a complainant asked for: Welsh or English as their wishes say (as the own view
    chooses its language, victims.language), English when they have none; None for a language the service has no
    letters in, which only a translation answers."""
    if wishes is None:
        return LetterLanguage.ENGLISH
    if language_code(wishes) == WELSH:
        return LetterLanguage.WELSH
    if not wishes.language.strip() or writes_in_english(wishes.language):
        return LetterLanguage.ENGLISH
    return None


def fill_template(subject: str, body: str, *, language: str, values: dict[str, Any]) -> str:
    """The letter's text: the template's subject and body with each placeholder filled, dates written in the letter's
    language. ``values`` holds dates as dates and everything else as text."""
    with translation.override(language):
        written = {
            name: dateformat.format(value, "j F Y") if isinstance(value, date) else value
            for name, value in values.items()
        }
    return Template(f"{subject}\n\n{body}").safe_substitute(written)


def _fill(template: LetterTemplate, *, letter: Communication, name: str, sender: User, today: date) -> str:
    case = letter.complainant.case
    return fill_template(
        template.subject,
        template.body,
        language=template.language,
        values={
            "complainant_name": name
            or ("yr achwynydd" if template.language == LetterLanguage.WELSH else "the complainant"),
            "urn": case.urn,
            "decision_date": letter.decision_on or "",
            "today": today,
            "sender_name": sender.get_full_name() or sender.username,
            "cps_area": f"CPS {case.cps_area.name}",
        },
    )


def _require_unsent(letter: Communication) -> None:
    if letter.sent_on is not None:
        raise ValidationError("This letter has been sent: it can no longer change.")


@transaction.atomic
def draft_letter(
    *, actor: User, letter: Communication, language: str | None = None, replacing_edits: bool = False
) -> Communication:
    """Fill the letter from its template, in ``language`` or else the language the complainant asked for (English
    when it is one the service has no letters in). The text names the complainant, so drafting is a logged read of
    their identity; the text is stored encrypted and shown only in the service. Text the officer has changed is
    replaced only when they have said so (``replacing_edits``): their wording would otherwise be lost unasked."""
    complainant = letter.complainant
    _require_letter_writer(actor, complainant)
    _require_unsent(letter)
    if letter.edited and not replacing_edits:
        raise ValidationError(_("This will replace the text you edited: confirm that you want to draft it again."))
    if language is None:
        language = letter_language(getattr(complainant, "wishes", None)) or LetterLanguage.ENGLISH
    if language not in LetterLanguage.values:
        raise ValidationError({"language": "Select English or Welsh."})
    template = LetterTemplate.objects.filter(kind=letter.kind, language=language).first()
    if template is None:
        raise ValidationError(
            f"There is no {LetterLanguage(language).label} template for the {letter.get_kind_display()}: ask an "
            "administrator."
        )
    identity = read_identity(actor=actor, complainant=complainant, reason=IdentityReadReason.LETTER, via="letter")
    letter.text = _fill(template, letter=letter, name=identity.name, sender=actor, today=timezone.localdate())
    letter.language = language
    letter.drafted_by = actor
    letter.edited = False
    letter.save(update_fields=["text", "language", "drafted_by", "edited"])
    return letter


@transaction.atomic
def edit_letter(*, actor: User, letter: Communication, text: str) -> Communication:
    """The officer's own wording of a drafted letter, before it is sent. The text names the complainant, so writing
    it is logged as a read of their identity ("draft edit"); it is stored encrypted and never logged."""
    complainant = letter.complainant
    _require_letter_writer(actor, complainant)
    _require_unsent(letter)
    if not letter.text:
        raise ValidationError("Draft the letter before changing it.")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": "Enter the letter"})
    if len(text) > LETTER_TEXT_MAX_LENGTH:
        raise ValidationError({"text": f"The letter must be {LETTER_TEXT_MAX_LENGTH:,} characters or fewer"})
    read_identity(actor=actor, complainant=complainant, reason=IdentityReadReason.LETTER, via="draft edit")
    letter.edited = letter.edited or text != letter.text
    letter.text = text
    letter.drafted_by = actor
    letter.save(update_fields=["text", "drafted_by", "edited"])
    return letter


def read_letter(*, actor: User, letter: Communication) -> str:
    """The drafted text of a letter, for the CPS; it names the complainant, so each read is logged."""
    _require_letter_writer(actor, letter.complainant)
    if not letter.text:
        raise ValidationError("This letter has not been drafted yet.")
    read_identity(actor=actor, complainant=letter.complainant, reason=IdentityReadReason.LETTER, via="letter")
    return letter.text


def _language_warning(complainant: Complainant, wishes: CommunicationWishes, language: str) -> str:
    """The one rule for the language of what is sent: in the language they asked for, or translated for them."""
    if wishes.interpreter:
        return _("%(label)s needs an interpreter (%(language)s): send a translated letter.") % {
            "label": complainant.label,
            "language": wishes.language,
        }
    if letter_language(wishes) != language:
        return _("%(label)s asked to be written to in %(language)s.") % {
            "label": complainant.label,
            "language": wishes.language.strip() or _("English"),
        }
    return ""


def wishes_warnings(complainant: Complainant, channel: str, language: str = LetterLanguage.ENGLISH) -> list[str]:
    """What in sending a letter in ``language`` by ``channel`` goes against the complainant's recorded wishes (empty
    when nothing does)."""
    wishes = getattr(complainant, "wishes", None)
    if wishes is None:
        return [
            _("%(label)s has no communication wishes recorded: check how they want to be contacted.")
            % {"label": complainant.label}
        ]
    warnings = []
    if wishes.no_contact:
        warnings.append(_("%(label)s has said they want no contact.") % {"label": complainant.label})
    if channel != wishes.channel:
        channel_name = wishes.get_channel_display().lower()
        warnings.append(
            _("%(label)s asked to be contacted by %(channel)s.")
            % {"label": complainant.label, "channel": channel_name}
        )
    if channel == Channel.THROUGH_ISVA and not complainant.shares_with_isva:
        warnings.append(_("%(label)s has not consented to sharing with an ISVA.") % {"label": complainant.label})
    if language_warning := _language_warning(complainant, wishes, language):
        warnings.append(language_warning)
    if wishes.accessible_formats:
        formats = ", ".join(label.lower() for label in wishes.accessible_format_labels())
        warnings.append(_("%(label)s needs %(formats)s.") % {"label": complainant.label, "formats": formats})
    if wishes.copy_isva and channel != Channel.THROUGH_ISVA and complainant.shares_with_isva:
        warnings.append(
            _("%(label)s asked for their ISVA to be sent a copy: send one to the ISVA too.")
            % {"label": complainant.label}
        )
    return warnings


@transaction.atomic
def send_letter(
    *, actor: User, letter: Communication, sent_on: date, channel: str, against_wishes_acknowledged: bool = False
) -> Communication:
    """Record the letter as sent. Anything that goes against the complainant's wishes must be acknowledged first."""
    complainant = letter.complainant
    _require_letter_writer(actor, complainant)
    if letter.sent_on is not None:
        raise ValidationError("This letter has already been sent.")
    if channel not in Channel.values:
        raise ValidationError({"channel": "Select how the letter was sent."})
    if not letter.text and letter.kind != CommunicationKind.MEETING_OFFER:
        raise ValidationError("Draft and check the letter before recording it as sent.")
    check_date("sent_on", sent_on, not_before=letter.decision_on, before_what="the decision")
    warnings = wishes_warnings(complainant, channel, letter.language or LetterLanguage.ENGLISH)
    if warnings and not against_wishes_acknowledged:
        raise ValidationError({"channel": warnings})
    letter.sent_on = sent_on
    letter.channel = channel
    letter.sent_by = actor
    letter.save(update_fields=["sent_on", "channel", "sent_by"])
    cancel_reminders(key_prefix=f"letter:{letter.pk}:")
    record_event(
        actor=actor,
        case=complainant.case,
        verb=Verb.LETTER_SENT,
        stage=Stage.VICTIM,
        payload={
            "letter": letter.short_name,
            "complainant": complainant.label,
            "on_time": letter.on_time is True,
            "late": letter.on_time is False,
        },
    )
    return letter


def owe_meeting_offers(*, hearing: Hearing, actor: User) -> None:
    """A not-guilty plea: each complainant not yet offered a pre-trial meeting is owed the offer."""
    complainants = Complainant.objects.filter(case_id=hearing.suspect.case_id).exclude(
        communications__kind=CommunicationKind.MEETING_OFFER
    )
    for complainant in complainants.select_related("case"):
        open_letter(actor=actor, complainant=complainant, kind=CommunicationKind.MEETING_OFFER)
