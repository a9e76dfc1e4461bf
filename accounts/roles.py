"""The roles people hold in the service, which organisation each role belongs to, and who may take which step."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
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
    # People outside the police and the CPS who see one case's journey in their own view (portal): the complainant,
    # invited by a victim liaison officer, and with the complainant's consent their ISVA or ChISVA.
    COMPLAINANT = "complainant", "Complainant"
    ISVA = "isva", "ISVA or ChISVA"


POLICE_ROLES = frozenset({Role.INVESTIGATOR, Role.POLICE_SUPERVISOR})
CPS_ROLES = frozenset({Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER, Role.PANEL_MEMBER})
# The own-view roles: they sign in with GOV.UK One Login, belong to no organisation and reach only the portal's pages.
OWN_VIEW_ROLES = frozenset({Role.COMPLAINANT, Role.ISVA})
# Everyone else: the police's, the CPS's and the service's own people, in the order of Role.
STAFF_ROLES = tuple(role for role in Role if role not in OWN_VIEW_ROLES)
UNIT_HEADS = frozenset({Role.UNIT_HEAD})
# CPS roles that work on case records; panel members see only redacted packs of sampled cases.
CPS_CASEWORK_ROLES = frozenset({Role.PROSECUTOR, Role.UNIT_HEAD, Role.VICTIM_LIAISON_OFFICER})


@dataclass(frozen=True)
class Doers:
    """The roles that may take a step, and the step in words, for the refusal: pages and API refuse any other role
    before they read a form, and the step's service refuses it too."""

    roles: frozenset[str]
    doing: str  # "give early advice"

    def allows(self, role: str) -> bool:
        return role in self.roles

    def require(self, role: str) -> None:
        if not self.allows(role):
            raise PermissionDenied(f"Your role ({Role(role).label}) cannot {self.doing}.")


# The service's own administrators (the role; being a superuser is no part of it): the administration pages and every
# service they call refuse anyone else, so a page and the API or a command can never disagree on who may.
ADMINISTRATORS = Doers(frozenset({Role.ADMINISTRATOR}), "administer the service")
