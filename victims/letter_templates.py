"""The starting wording of each letter (Victim Communication and Liaison scheme), loaded by a data migration and then
the administrator's to edit. Placeholders are filled when a letter is drafted; see victims.letters."""

from typing import Any

_SIGN_OFF = "Yours sincerely,\n$sender_name"
_RIGHT_TO_REVIEW = (
    "You have the right to ask for this decision to be reviewed under the Victims' Right to Review scheme. Please ask "
    "within 10 working days of this letter if you can; we will accept a request up to 3 months from now."
)


def _letter(*paragraphs: str) -> str:
    return "\n\n".join(["Dear $complainant_name,", *paragraphs, _SIGN_OFF])


DEFAULT_TEMPLATES: list[dict[str, str]] = [
    {
        "kind": "introduction",
        "subject": "Your case: an introduction from the Crown Prosecution Service",
        "body": _letter(
            "I am writing to introduce the team at $cps_area who will be working on the case (reference $urn). We "
            "will keep you informed at each important stage, in the way you have told us you prefer."
        ),
    },
    {
        "kind": "point_of_charge",
        "subject": "Your case: a decision to charge",
        "body": _letter(
            "On $decision_date a prosecutor at $cps_area decided to charge in the case (reference $urn). We will tell "
            "you about the first court hearing and what happens next."
        ),
    },
    {
        "kind": "nfa",
        "subject": "Your case: a decision not to prosecute",
        "body": _letter(
            "On $decision_date a prosecutor at $cps_area decided that there should be no further action in the case "
            "(reference $urn). This letter explains why.",
            _RIGHT_TO_REVIEW,
        ),
    },
    {
        "kind": "discontinuance",
        "subject": "Your case: a decision to stop the prosecution",
        "body": _letter(
            "On $decision_date a prosecutor at $cps_area decided to stop the prosecution in the case "
            "(reference $urn).",
            _RIGHT_TO_REVIEW,
        ),
    },
    {
        "kind": "charge_altered",
        "subject": "Your case: a change to the charges",
        "body": _letter(
            "On $decision_date a prosecutor at $cps_area substantially changed the charges in the case (reference "
            "$urn). This letter explains the change and why it was made."
        ),
    },
    {
        "kind": "meeting_offer",
        "subject": "Your case: an offer to meet the prosecution team",
        "body": _letter(
            "Before the trial in the case (reference $urn), the prosecution team at $cps_area would like to offer you "
            "a meeting to explain what will happen at court and answer your questions."
        ),
    },
]


def load_letter_templates(*, letter_template_model: Any) -> None:
    """Create the templates an administrator has not already written."""
    for template in DEFAULT_TEMPLATES:
        letter_template_model.objects.get_or_create(kind=template["kind"], defaults=template)
