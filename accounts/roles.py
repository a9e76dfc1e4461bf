"""The roles people hold in the service, and which organisation each role belongs to."""

from django.db import models


class Role(models.TextChoices):
    INVESTIGATOR = "investigator", "Investigator (officer in charge)"
    POLICE_SUPERVISOR = "police_supervisor", "Police supervisor"
    PROSECUTOR = "prosecutor", "RASSO prosecutor"
    UNIT_HEAD = "unit_head", "RASSO unit head"
    VICTIM_LIAISON_OFFICER = "victim_liaison_officer", "Victim liaison officer"
    PANEL_MEMBER = "panel_member", "Scrutiny panel member"
    ANALYST = "analyst", "Analyst"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


POLICE_ROLES = frozenset({Role.INVESTIGATOR, Role.POLICE_SUPERVISOR})
CPS_ROLES = frozenset({Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER, Role.PANEL_MEMBER})
# CPS roles that work on case records; panel members see only redacted packs of sampled cases.
CPS_CASEWORK_ROLES = frozenset({Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER})
