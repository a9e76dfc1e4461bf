"""The offences (Sexual Offences Act 2003) and case flags the service starts with; administrators add more, or retire
them, in the admin. The loader takes the model classes so that the data migration can pass its historical models.
"""

from typing import Any

SOA = "Sexual Offences Act 2003"
OFFENCES = [
    ("rape", "Rape", f"{SOA}, s.1"),
    ("assault_by_penetration", "Assault by penetration", f"{SOA}, s.2"),
    ("sexual_assault", "Sexual assault", f"{SOA}, s.3"),
    (
        "causing_sexual_activity_without_consent",
        "Causing a person to engage in sexual activity without consent",
        f"{SOA}, s.4",
    ),
    ("rape_of_child_under_13", "Rape of a child under 13", f"{SOA}, s.5"),
    ("assault_of_child_under_13_by_penetration", "Assault of a child under 13 by penetration", f"{SOA}, s.6"),
    ("sexual_assault_of_child_under_13", "Sexual assault of a child under 13", f"{SOA}, s.7"),
    (
        "causing_child_under_13_sexual_activity",
        "Causing or inciting a child under 13 to engage in sexual activity",
        f"{SOA}, s.8",
    ),
    ("sexual_activity_with_child", "Sexual activity with a child", f"{SOA}, s.9"),
]
FLAGS = [
    ("domestic_abuse", "Domestic abuse"),
    ("non_recent", "Non-recent"),
    ("child_complainant", "Child complainant"),
]


def load_reference_data(*, offence_model: Any, case_flag_model: Any) -> None:
    """Create the starting offences and flags; those already there are left as they are."""
    offence_model.objects.bulk_create(
        [offence_model(code=c, title=t, statute=s) for c, t, s in OFFENCES], ignore_conflicts=True
    )
    case_flag_model.objects.bulk_create([case_flag_model(code=c, name=n) for c, n in FLAGS], ignore_conflicts=True)


# DOMAIN.md's default trial readiness checklist.
READINESS_ITEMS = [
    "Witnesses warned",
    "Special measures decided",
    "s.28 recording done where granted",
    "Disclosure management document up to date and disclosure served",
    "Bad character application made or ruled out",
    "Counsel instructed (RASSO-list advocate)",
    "Victim offered a pre-trial meeting",
    "Judge's directions complied with",
]


def load_readiness_checklist(*, readiness_item_model: Any) -> None:
    """Create the default checklist unless an administrator has one already."""
    if not readiness_item_model.objects.exists():
        readiness_item_model.objects.bulk_create(
            readiness_item_model(text=text, position=n) for n, text in enumerate(READINESS_ITEMS, start=1)
        )
