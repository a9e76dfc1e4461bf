"""The plain words for the complainant's own records on their journey page: the letters sent to them and the special
measures granted to them. Content, reviewed as content, at a reading age of about 9, as ``cases.plain_words`` is
for the suspect's journey (which ``cases`` cannot import from here)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from victims.models import CommunicationKind
from victims.models.court import SpecialMeasureKind

LETTERS: dict[CommunicationKind, Promise] = {
    CommunicationKind.INTRODUCTION: _("Our first letter to you"),
    CommunicationKind.POINT_OF_CHARGE: _("Letter about the charge"),
    CommunicationKind.NFA: _("Letter to say there will be no charge"),
    CommunicationKind.DISCONTINUANCE: _("Letter to say the case has stopped"),
    CommunicationKind.CHARGE_ALTERED: _("Letter about a change to the charge"),
    CommunicationKind.MEETING_OFFER: _("Letter to offer you a meeting before the trial"),
}

SPECIAL_MEASURES: dict[SpecialMeasureKind, Promise] = {
    SpecialMeasureKind.SCREENS: _("A screen, so you do not have to see the person on trial."),
    SpecialMeasureKind.LIVE_LINK: _("You can speak to the court by video from another room."),
    SpecialMeasureKind.IN_PRIVATE: _("The public will leave the court while you give your evidence."),
    SpecialMeasureKind.WIGS_AND_GOWNS: _("The judge and lawyers will take off their wigs and gowns."),
    SpecialMeasureKind.VIDEO_EVIDENCE_IN_CHIEF: _("The court will watch the video of your talk with the police."),
    SpecialMeasureKind.PRE_RECORDED_CROSS_EXAMINATION: _("The questions for you will be filmed before the trial."),
    SpecialMeasureKind.INTERMEDIARY: _("Someone will help you understand the questions and give your answers."),
    SpecialMeasureKind.COMMUNICATION_AIDS: _("You can use things that help you talk, like a board or a tablet."),
}
