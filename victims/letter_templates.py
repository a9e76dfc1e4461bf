"""The wording of each letter, in English and Welsh (Victim Communication and Liaison scheme): the starting wording
(the data migrations 0002 and 0006 keep their own copies, as it was when each was written; the test suite reloads
this one after emptying the tables), and an administrator's changes to it, checked so that every placeholder is one
the service fills when a letter is drafted (see victims.letters)."""

from __future__ import annotations

import re
from string import Template
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Doers, Role
from victims.models.communications import LetterLanguage, LetterTemplate

TEMPLATE_EDITORS = Doers(frozenset({Role.ADMINISTRATOR}), "change letter templates")

# What each placeholder becomes when a letter is drafted; the same list is shown to the administrator editing one.
PLACEHOLDERS = {
    "complainant_name": "The complainant's full name",
    "urn": "The case's URN",
    "decision_date": "The date of the decision the letter reports",
    "today": "The date the letter is drafted",
    "sender_name": "The name of the officer drafting the letter",
    "cps_area": "The CPS Area, such as “CPS Wales”",
}
SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000
REASON_MAX_LENGTH = 100  # what a history row keeps of the reason (audit.history)


def _english(*paragraphs: str) -> str:
    return "\n\n".join(["Dear $complainant_name,", *paragraphs, "Yours sincerely,\n$sender_name"])


def _welsh(*paragraphs: str) -> str:
    return "\n\n".join(["Annwyl $complainant_name,", *paragraphs, "Yn gywir,\n$sender_name"])


_RIGHT_TO_REVIEW = (
    "You have the right to ask for this decision to be reviewed under the Victims' Right to Review scheme. Please ask "
    "within 10 working days of this letter if you can; we will accept a request up to 3 months from now."
)
_HAWL_I_ADOLYGIAD = (
    "Mae gennych hawl i ofyn i'r penderfyniad hwn gael ei adolygu o dan gynllun Hawl Dioddefwyr i Adolygiad. "
    "Gofynnwch o fewn 10 diwrnod gwaith i ddyddiad y llythyr hwn os gallwch; byddwn yn derbyn cais hyd at 3 mis o "
    "heddiw."
)

ENGLISH_TEMPLATES: list[dict[str, str]] = [
    {
        "kind": "introduction",
        "subject": "Your case: an introduction from the Crown Prosecution Service",
        "body": _english(
            "I am writing to introduce the team at $cps_area who will be working on the case (reference $urn). We "
            "will keep you informed at each important stage, in the way you have told us you prefer."
        ),
    },
    {
        "kind": "point_of_charge",
        "subject": "Your case: a decision to charge",
        "body": _english(
            "On $decision_date a prosecutor at $cps_area decided to charge in the case (reference $urn). We will tell "
            "you about the first court hearing and what happens next."
        ),
    },
    {
        "kind": "nfa",
        "subject": "Your case: a decision not to prosecute",
        "body": _english(
            "On $decision_date a prosecutor at $cps_area decided that there should be no further action in the case "
            "(reference $urn). This letter explains why.",
            _RIGHT_TO_REVIEW,
        ),
    },
    {
        "kind": "discontinuance",
        "subject": "Your case: a decision to stop the prosecution",
        "body": _english(
            "On $decision_date a prosecutor at $cps_area decided to stop the prosecution in the case "
            "(reference $urn).",
            _RIGHT_TO_REVIEW,
        ),
    },
    {
        "kind": "charge_altered",
        "subject": "Your case: a change to the charges",
        "body": _english(
            "On $decision_date a prosecutor at $cps_area substantially changed the charges in the case (reference "
            "$urn). This letter explains the change and why it was made."
        ),
    },
    {
        "kind": "meeting_offer",
        "subject": "Your case: an offer to meet the prosecution team",
        "body": _english(
            "Before the trial in the case (reference $urn), the prosecution team at $cps_area would like to offer you "
            "a meeting to explain what will happen at court and answer your questions."
        ),
    },
]

WELSH_TEMPLATES: list[dict[str, str]] = [
    {
        "kind": "introduction",
        "subject": "Eich achos: cyflwyniad gan Wasanaeth Erlyn y Goron",
        "body": _welsh(
            "Rwy'n ysgrifennu i gyflwyno'r tîm yn $cps_area a fydd yn gweithio ar yr achos (cyfeirnod $urn). Byddwn "
            "yn rhoi'r wybodaeth ddiweddaraf i chi ym mhob cam pwysig, yn y ffordd rydych wedi dweud wrthym sydd orau "
            "gennych."
        ),
    },
    {
        "kind": "point_of_charge",
        "subject": "Eich achos: penderfyniad i gyhuddo",
        "body": _welsh(
            "Ar $decision_date, penderfynodd erlynydd yn $cps_area gyhuddo yn yr achos (cyfeirnod $urn). Byddwn yn "
            "rhoi gwybod i chi am y gwrandawiad llys cyntaf a beth fydd yn digwydd nesaf."
        ),
    },
    {
        "kind": "nfa",
        "subject": "Eich achos: penderfyniad i beidio ag erlyn",
        "body": _welsh(
            "Ar $decision_date, penderfynodd erlynydd yn $cps_area na ddylid cymryd camau pellach yn yr achos "
            "(cyfeirnod $urn). Mae'r llythyr hwn yn egluro pam.",
            _HAWL_I_ADOLYGIAD,
        ),
    },
    {
        "kind": "discontinuance",
        "subject": "Eich achos: penderfyniad i roi'r gorau i'r erlyniad",
        "body": _welsh(
            "Ar $decision_date, penderfynodd erlynydd yn $cps_area roi'r gorau i'r erlyniad yn yr achos "
            "(cyfeirnod $urn).",
            _HAWL_I_ADOLYGIAD,
        ),
    },
    {
        "kind": "charge_altered",
        "subject": "Eich achos: newid i'r cyhuddiadau",
        "body": _welsh(
            "Ar $decision_date, newidiodd erlynydd yn $cps_area y cyhuddiadau yn yr achos yn sylweddol (cyfeirnod "
            "$urn). Mae'r llythyr hwn yn egluro'r newid a pham y cafodd ei wneud."
        ),
    },
    {
        "kind": "meeting_offer",
        "subject": "Eich achos: cynnig i gwrdd â'r tîm erlyn",
        "body": _welsh(
            "Cyn y treial yn yr achos (cyfeirnod $urn), hoffai'r tîm erlyn yn $cps_area gynnig cyfarfod i chi i "
            "egluro beth fydd yn digwydd yn y llys ac ateb eich cwestiynau."
        ),
    },
]

DEFAULT_TEMPLATES: dict[str, list[dict[str, str]]] = {
    LetterLanguage.ENGLISH: ENGLISH_TEMPLATES,
    LetterLanguage.WELSH: WELSH_TEMPLATES,
}


def load_letter_templates(
    *, letter_template_model: Any, languages: tuple[str, ...] = tuple(DEFAULT_TEMPLATES)
) -> None:
    """Create the templates an administrator has not already written, in each of ``languages``."""
    for language in languages:
        for template in DEFAULT_TEMPLATES[language]:
            letter_template_model.objects.get_or_create(
                kind=template["kind"], language=language, defaults={**template, "language": language}
            )


def template_changes() -> QuerySet[Any]:
    """Every change to the templates (their history, victims.history), newest first."""
    history: QuerySet[Any] = LetterTemplate.history.order_by("-history_date", "-history_id")  # type: ignore[attr-defined]
    return history


def placeholder_problems(text: str) -> list[str]:
    """What in ``text`` the service could not fill: a $name it does not know, or a $ that starts no placeholder."""
    problems = []
    for match in Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name and name not in PLACEHOLDERS:
            problems.append(f"${name} is not a placeholder the service knows")
        elif match.group("invalid") is not None:
            problems.append("A $ must start a placeholder: write $$ for a dollar sign")
    return list(dict.fromkeys(problems))


def _checked(subject: str, body: str, reason: str) -> None:
    errors: dict[str, list[str]] = {}
    if not subject.strip():
        errors["subject"] = ["Enter the subject"]
    elif len(subject) > SUBJECT_MAX_LENGTH or "\n" in subject:
        errors["subject"] = [f"The subject must be one line of {SUBJECT_MAX_LENGTH} characters or fewer"]
    if not body.strip():
        errors["body"] = ["Enter the letter"]
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = [f"The letter must be {BODY_MAX_LENGTH:,} characters or fewer"]
    for field, text in (("subject", subject), ("body", body)):
        if problems := placeholder_problems(text):
            errors.setdefault(field, []).extend(problems)
    if not reason.strip():
        errors["reason"] = ["Enter why you are changing the template"]
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [f"The reason must be {REASON_MAX_LENGTH} characters or fewer"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def change_letter_template(
    *, actor: User, template: LetterTemplate, subject: str, body: str, reason: str
) -> LetterTemplate:
    """An administrator rewords a template: letters drafted from now on use it (those already drafted keep their
    text). The change is kept in the template's history with who made it and why."""
    TEMPLATE_EDITORS.require(actor.role)
    _checked(subject, body, reason)
    template.subject = subject.strip()
    template.body = re.sub(r"\r\n?", "\n", body).strip()
    template._history_user = actor  # type: ignore[attr-defined]  # simple-history reads these two as it saves
    template._change_reason = reason.strip()  # type: ignore[attr-defined]
    template.save(update_fields=["subject", "body"])
    return template
