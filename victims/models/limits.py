"""How long the complainant's free-text details may be, from the model fields that hold them: the service checks these
and the form and serializer read them, so page and API refuse the same input with the same words."""

from victims.models.communications import Communication
from victims.models.complainant import CommunicationWishes

DECISION_MAX_LENGTH: int = Communication._meta.get_field("decision").max_length or 200
LANGUAGE_MAX_LENGTH: int = CommunicationWishes._meta.get_field("language").max_length or 60
SAFE_TIMES_MAX_LENGTH: int = CommunicationWishes._meta.get_field("safe_times").max_length or 200
