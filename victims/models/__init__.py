"""Complainants and the Victims' Code: identity (encrypted) and its access log, communication wishes, ISVAs, special
measures, letters and their clocks, Victims' Right to Review, pre-trial meetings and survey responses; and their own
view of the case (invitations, what they ask from it, the messages it sends)."""

from victims.models.communications import Communication, CommunicationKind, LetterTemplate
from victims.models.complainant import (
    IDENTITY_FIELDS,
    CommunicationWishes,
    Complainant,
    IdentityRead,
    IdentityReadReason,
    Isva,
)
from victims.models.court import MeasureStatus, PreTrialMeeting, SpecialMeasure, SpecialMeasureKind
from victims.models.own_view import (
    Invitation,
    InvitationChannel,
    MessageKind,
    OwnViewMessage,
    OwnViewRequest,
    OwnViewRequestKind,
)
from victims.models.review import SurveyResponse, VrrRequest

__all__ = [
    "IDENTITY_FIELDS",
    "Communication",
    "CommunicationKind",
    "CommunicationWishes",
    "Complainant",
    "IdentityRead",
    "IdentityReadReason",
    "Invitation",
    "InvitationChannel",
    "Isva",
    "LetterTemplate",
    "MeasureStatus",
    "MessageKind",
    "OwnViewMessage",
    "OwnViewRequest",
    "OwnViewRequestKind",
    "PreTrialMeeting",
    "SpecialMeasure",
    "SpecialMeasureKind",
    "SurveyResponse",
    "VrrRequest",
]

from victims import history  # noqa: F401 - registers these records' history (audit) as they are imported
