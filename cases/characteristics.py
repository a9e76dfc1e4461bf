"""The nine protected characteristics of the Equality Act 2010, each with "not recorded", for scorecard breakdowns."""

from __future__ import annotations

from django.db import models

NOT_RECORDED = "not_recorded"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    AGE_18_24 = "18_24", "18 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_PLUS = "65_plus", "65 and over"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


class Ethnicity(models.TextChoices):
    """The ONS 2021 high-level ethnic groups (race)."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


class Religion(models.TextChoices):
    NO_RELIGION = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Other religion or belief"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_OR_LESBIAN = "gay_or_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Other sexual orientation"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_RECORDED = NOT_RECORDED, "Not recorded"


def _choice(choices: type[models.TextChoices], verbose_name: str) -> models.CharField[str, str]:
    return models.CharField(verbose_name, max_length=20, choices=choices.choices, default=NOT_RECORDED)


class ProtectedCharacteristics(models.Model):
    """Mixed into the records of people (suspects here, complainants in victims/)."""

    sex = _choice(Sex, "sex")
    age_band = _choice(AgeBand, "age")
    ethnicity = _choice(Ethnicity, "ethnicity")
    disability = _choice(YesNo, "disability")
    religion_or_belief = _choice(Religion, "religion or belief")
    sexual_orientation = _choice(SexualOrientation, "sexual orientation")
    gender_reassignment = _choice(YesNo, "gender reassignment")
    marriage_or_civil_partnership = _choice(YesNo, "married or in a civil partnership")
    pregnancy_or_maternity = _choice(YesNo, "pregnancy or maternity")

    class Meta:
        abstract = True
