"""At court: special measures per measure (Youth Justice and Criminal Evidence Act 1999) and the pre-trial meeting
every adult RASSO victim is offered when a not-guilty plea is entered."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from accounts.scoping import ScopedQuerySet
from victims.models.complainant import Complainant


class SpecialMeasureKind(models.TextChoices):
    SCREENS = "s23_screens", "s.23 Screens"
    LIVE_LINK = "s24_live_link", "s.24 Live link"
    IN_PRIVATE = "s25_in_private", "s.25 Evidence in private"
    WIGS_AND_GOWNS = "s26_wigs_and_gowns", "s.26 Removal of wigs and gowns"
    VIDEO_EVIDENCE_IN_CHIEF = "s27_video_evidence", "s.27 Video-recorded evidence in chief"
    PRE_RECORDED_CROSS_EXAMINATION = "s28_pre_recorded", "s.28 Pre-recorded cross-examination"
    INTERMEDIARY = "s29_intermediary", "s.29 Intermediary"
    COMMUNICATION_AIDS = "s30_aids", "s.30 Communication aids"


class MeasureStatus(models.TextChoices):
    APPLIED_FOR = "applied_for", "Applied for"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"
    OPTED_OUT = "opted_out", "Opted out"


class SpecialMeasure(models.Model):
    complainant = models.ForeignKey(Complainant, on_delete=models.CASCADE, related_name="special_measures")
    measure = models.CharField(max_length=30, choices=SpecialMeasureKind.choices)
    status = models.CharField(max_length=20, choices=MeasureStatus.choices)
    decided_on = models.DateField()
    s28_recording_on = models.DateField("s.28 recording date", null=True, blank=True)

    class Meta:
        ordering = ["complainant", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["complainant", "measure"], name="one_record_per_special_measure"),
            models.CheckConstraint(
                name="s28_recording_only_when_granted",
                condition=Q(s28_recording_on__isnull=True)
                | Q(measure=SpecialMeasureKind.PRE_RECORDED_CROSS_EXAMINATION, status=MeasureStatus.GRANTED),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.get_status_display()}"


class PreTrialMeetingQuerySet(ScopedQuerySet["PreTrialMeeting"]):
    """Pre-trial meetings, seen through the complainant's case."""

    scope_path = "complainant__case__"


class PreTrialMeeting(models.Model):
    complainant = models.ForeignKey(Complainant, on_delete=models.CASCADE, related_name="meetings")
    offered_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)

    objects = PreTrialMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["complainant", "offered_on"]
        constraints = [
            models.CheckConstraint(
                name="meeting_held_or_declined_not_both",
                condition=Q(held_on__isnull=True) | Q(declined_on__isnull=True),
            ),
            models.CheckConstraint(
                name="meeting_answered_after_offer",
                condition=(Q(held_on__isnull=True) | Q(held_on__gte=F("offered_on")))
                & (Q(declined_on__isnull=True) | Q(declined_on__gte=F("offered_on"))),
            ),
        ]

    def __str__(self) -> str:
        return f"Pre-trial meeting offered to {self.complainant.label}"
