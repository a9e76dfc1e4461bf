"""The identity access log is append-only in the database too: on PostgreSQL the role that runs the application
(the one that migrates) loses UPDATE and DELETE on it. Also loads the starting letter templates, as they were worded
when this migration was written: kept here, not imported, so that rewording the service's defaults later cannot
change what this migration does."""

from django.db import migrations

SIGN_OFF = "Yours sincerely,\n$sender_name"
RIGHT_TO_REVIEW = (
    "You have the right to ask for this decision to be reviewed under the Victims' Right to Review scheme. Please ask "
    "within 10 working days of this letter if you can; we will accept a request up to 3 months from now."
)


def _letter(*paragraphs):
    return "\n\n".join(["Dear $complainant_name,", *paragraphs, SIGN_OFF])


TEMPLATES = [
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
            RIGHT_TO_REVIEW,
        ),
    },
    {
        "kind": "discontinuance",
        "subject": "Your case: a decision to stop the prosecution",
        "body": _letter(
            "On $decision_date a prosecutor at $cps_area decided to stop the prosecution in the case "
            "(reference $urn).",
            RIGHT_TO_REVIEW,
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


def revoke_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("REVOKE UPDATE, DELETE ON victims_identityread FROM CURRENT_USER")


def restore_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("GRANT UPDATE, DELETE ON victims_identityread TO CURRENT_USER")


def load_templates(apps, schema_editor):
    """Create the templates an administrator has not already written (templates have no language yet)."""
    letter_template = apps.get_model("victims", "LetterTemplate")
    for template in TEMPLATES:
        letter_template.objects.get_or_create(kind=template["kind"], defaults=template)


class Migration(migrations.Migration):
    dependencies = [("victims", "0001_initial")]

    operations = [
        migrations.RunPython(revoke_changes, restore_changes),
        migrations.RunPython(load_templates, migrations.RunPython.noop),
    ]
