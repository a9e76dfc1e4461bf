"""Timeline events hold the facts their wording names (``payload``), worded when they are read; their verbs are
declared. An event recorded before keeps the text it was recorded with, as ``{"text": …}``, and the stored summary
goes: it was screened when it was written, and is screened again when shown."""

from django.db import migrations, models
from django.db.models import F
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, JSONObject


def keep_recorded_text(apps, schema_editor):
    apps.get_model("cases", "TimelineEvent").objects.update(payload=JSONObject(text=F("summary")))


def restore_summary(apps, schema_editor):
    # An event recorded since has no text: its verb stands in for it.
    apps.get_model("cases", "TimelineEvent").objects.update(
        summary=Coalesce(KeyTextTransform("text", "payload"), F("verb"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_court_names_sentences_and_crime_outcomes"),
    ]

    operations = [
        migrations.AddField(
            model_name="timelineevent",
            name="payload",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The facts the wording names: labels (never a person's name), codes, ISO dates, numbers, "
                "and caseworkers' words (screened when recorded).",
            ),
        ),
        migrations.RunPython(keep_recorded_text, restore_summary),
        # A default, so that undoing the migration can add the column back before its text is restored.
        migrations.AlterField(
            model_name="timelineevent",
            name="summary",
            field=models.CharField(
                default="", help_text="Labels and URN only: never a person's name.", max_length=300
            ),
        ),
        migrations.RemoveField(model_name="timelineevent", name="summary"),
        migrations.AlterField(
            model_name="timelineevent",
            name="verb",
            field=models.CharField(
                choices=[
                    ("case_opened", "Case opened"),
                    ("suspect_added", "Suspect added"),
                    ("early_advice_requested", "Early advice requested"),
                    ("early_advice_given", "Early advice given"),
                    ("referred_for_charging_decision", "Referred for charging decision"),
                    ("file_triaged", "File triaged"),
                    ("charging_decision_recorded", "Charging decision recorded"),
                    ("prfi", "PRFI"),
                    ("reopened_after_prfi", "Reopened after PRFI"),
                    ("police_nfa", "Police NFA"),
                    ("referred_back_for_review", "Referred back for review"),
                    ("sent_to_crown_court", "Sent to Crown Court"),
                    ("hearing_listed", "Hearing listed"),
                    ("hearing_recorded", "Hearing recorded"),
                    ("hearing_held", "Hearing held"),
                    ("case_outcome", "Case outcome"),
                    ("sentenced", "Sentenced"),
                    ("trial_listed", "Trial listed"),
                    ("trial_outcome", "Trial outcome"),
                    ("direction_set", "Direction set"),
                    ("direction_complied", "Direction complied"),
                    ("action_plan_set", "Action plan set"),
                    ("action_plan_answered", "Action plan answered"),
                    ("action_plan_withdrawn", "Action plan withdrawn"),
                    ("action_answered", "Action answered"),
                    ("action_withdrawn", "Action withdrawn"),
                    ("complainant_added", "Complainant added"),
                    ("wishes_recorded", "Wishes recorded"),
                    ("isva_recorded", "ISVA recorded"),
                    ("special_measure_recorded", "Special measure recorded"),
                    ("support_withdrawn", "Support withdrawn"),
                    ("meeting_offered", "Meeting offered"),
                    ("meeting_held", "Meeting held"),
                    ("meeting_declined", "Meeting declined"),
                    ("vrr_received", "VRR received"),
                    ("vrr_outcome", "VRR outcome"),
                    ("letter_due", "Letter due"),
                    ("letter_sent", "Letter sent"),
                    ("corrected", "Corrected"),
                    ("journey_imported", "Journey imported"),
                ],
                max_length=40,
            ),
        ),
    ]
