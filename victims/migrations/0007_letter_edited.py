"""A letter remembers whether the officer changed its drafted text, so that drafting it again asks first. Letters
drafted before cannot tell, and count as not changed."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("victims", "0006_welsh_letter_templates")]

    operations = [
        migrations.AddField(
            model_name="communication",
            name="edited",
            field=models.BooleanField(
                default=False, help_text="The officer has changed the drafted text: drafting it again asks first."
            ),
        ),
    ]
