"""Every letter template has a Welsh version: the templates there were are the English ones (0005 made them so), and
the Welsh wording of each, as it was when this migration was written (kept here, not imported, so that rewording the
service's defaults later cannot change what this migration does), is added unless an administrator already wrote
it. Letters already drafted were drafted from the English ones.

Undone, it deletes every Welsh template, including any an administrator has edited since: their wording is lost
(their history rows stay), and the letters drafted in Welsh keep their text."""

from django.db import migrations

WELSH = "cy"
ENGLISH = "en"
SIGN_OFF = "Yn gywir,\n$sender_name"
HAWL_I_ADOLYGIAD = (
    "Mae gennych hawl i ofyn i'r penderfyniad hwn gael ei adolygu o dan gynllun Hawl Dioddefwyr i Adolygiad. "
    "Gofynnwch o fewn 10 diwrnod gwaith i ddyddiad y llythyr hwn os gallwch; byddwn yn derbyn cais hyd at 3 mis o "
    "heddiw."
)


def _letter(*paragraphs):
    return "\n\n".join(["Annwyl $complainant_name,", *paragraphs, SIGN_OFF])


TEMPLATES = [
    {
        "kind": "introduction",
        "subject": "Eich achos: cyflwyniad gan Wasanaeth Erlyn y Goron",
        "body": _letter(
            "Rwy'n ysgrifennu i gyflwyno'r tîm yn $cps_area a fydd yn gweithio ar yr achos (cyfeirnod $urn). Byddwn "
            "yn rhoi'r wybodaeth ddiweddaraf i chi ym mhob cam pwysig, yn y ffordd rydych wedi dweud wrthym sydd orau "
            "gennych."
        ),
    },
    {
        "kind": "point_of_charge",
        "subject": "Eich achos: penderfyniad i gyhuddo",
        "body": _letter(
            "Ar $decision_date, penderfynodd erlynydd yn $cps_area gyhuddo yn yr achos (cyfeirnod $urn). Byddwn yn "
            "rhoi gwybod i chi am y gwrandawiad llys cyntaf a beth fydd yn digwydd nesaf."
        ),
    },
    {
        "kind": "nfa",
        "subject": "Eich achos: penderfyniad i beidio ag erlyn",
        "body": _letter(
            "Ar $decision_date, penderfynodd erlynydd yn $cps_area na ddylid cymryd camau pellach yn yr achos "
            "(cyfeirnod $urn). Mae'r llythyr hwn yn egluro pam.",
            HAWL_I_ADOLYGIAD,
        ),
    },
    {
        "kind": "discontinuance",
        "subject": "Eich achos: penderfyniad i roi'r gorau i'r erlyniad",
        "body": _letter(
            "Ar $decision_date, penderfynodd erlynydd yn $cps_area roi'r gorau i'r erlyniad yn yr achos "
            "(cyfeirnod $urn).",
            HAWL_I_ADOLYGIAD,
        ),
    },
    {
        "kind": "charge_altered",
        "subject": "Eich achos: newid i'r cyhuddiadau",
        "body": _letter(
            "Ar $decision_date, newidiodd erlynydd yn $cps_area y cyhuddiadau yn yr achos yn sylweddol (cyfeirnod "
            "$urn). Mae'r llythyr hwn yn egluro'r newid a pham y cafodd ei wneud."
        ),
    },
    {
        "kind": "meeting_offer",
        "subject": "Eich achos: cynnig i gwrdd â'r tîm erlyn",
        "body": _letter(
            "Cyn y treial yn yr achos (cyfeirnod $urn), hoffai'r tîm erlyn yn $cps_area gynnig cyfarfod i chi i "
            "egluro beth fydd yn digwydd yn y llys ac ateb eich cwestiynau."
        ),
    },
]


def add_welsh(apps, schema_editor):
    letter_template = apps.get_model("victims", "LetterTemplate")
    for template in TEMPLATES:
        letter_template.objects.get_or_create(
            kind=template["kind"], language=WELSH, defaults={**template, "language": WELSH}
        )
    drafted = apps.get_model("victims", "Communication").objects.filter(drafted_by__isnull=False, language="")
    drafted.update(language=ENGLISH)


def remove_welsh(apps, schema_editor):
    """Only the Welsh templates go (edited ones too); the English ones, and every letter, stay."""
    apps.get_model("victims", "LetterTemplate").objects.filter(language=WELSH).delete()


class Migration(migrations.Migration):
    dependencies = [("victims", "0005_letter_languages")]

    operations = [migrations.RunPython(add_welsh, remove_welsh)]
