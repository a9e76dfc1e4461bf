"""The case timeline: one event for every write that matters to the journey (actor, verb, stage, time, and the
facts its wording names); ``cases.timeline`` words it when it is read."""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.scoping import ScopedQuerySet


class Stage(models.TextChoices):
    CASE = "case", "Case"
    EARLY_ADVICE = "early_advice", "Early advice"
    CHARGING = "charging", "Charging"
    ACTION_PLAN = "action_plan", "Action plans"
    VICTIM = "victim", "Victim"
    COURT = "court", "Court"
    SCRUTINY = "scrutiny", "NFA scrutiny"
    PRFI = "prfi", "PRFI"
    NFA = "nfa", "No further action"


class Verb(models.TextChoices):
    """What happened: each verb has its wording in ``cases.timeline.WORDING``."""

    CASE_OPENED = "case_opened", "Case opened"
    SUSPECT_ADDED = "suspect_added", "Suspect added"
    EARLY_ADVICE_REQUESTED = "early_advice_requested", "Early advice requested"
    EARLY_ADVICE_GIVEN = "early_advice_given", "Early advice given"
    REFERRED_FOR_CHARGING_DECISION = "referred_for_charging_decision", "Referred for charging decision"
    FILE_TRIAGED = "file_triaged", "File triaged"
    CHARGING_DECISION_RECORDED = "charging_decision_recorded", "Charging decision recorded"
    PRFI = "prfi", "PRFI"
    REOPENED_AFTER_PRFI = "reopened_after_prfi", "Reopened after PRFI"
    POLICE_NFA = "police_nfa", "Police NFA"
    REFERRED_BACK_FOR_REVIEW = "referred_back_for_review", "Referred back for review"
    SENT_TO_CROWN_COURT = "sent_to_crown_court", "Sent to Crown Court"
    HEARING_LISTED = "hearing_listed", "Hearing listed"
    HEARING_RECORDED = "hearing_recorded", "Hearing recorded"
    HEARING_HELD = "hearing_held", "Hearing held"
    CASE_OUTCOME = "case_outcome", "Case outcome"
    SENTENCED = "sentenced", "Sentenced"
    TRIAL_LISTED = "trial_listed", "Trial listed"
    TRIAL_OUTCOME = "trial_outcome", "Trial outcome"
    DIRECTION_SET = "direction_set", "Direction set"
    DIRECTION_COMPLIED = "direction_complied", "Direction complied"
    ACTION_PLAN_SET = "action_plan_set", "Action plan set"
    ACTION_PLAN_ANSWERED = "action_plan_answered", "Action plan answered"
    ACTION_PLAN_WITHDRAWN = "action_plan_withdrawn", "Action plan withdrawn"
    ACTION_ANSWERED = "action_answered", "Action answered"
    ACTION_WITHDRAWN = "action_withdrawn", "Action withdrawn"
    COMPLAINANT_ADDED = "complainant_added", "Complainant added"
    WISHES_RECORDED = "wishes_recorded", "Wishes recorded"
    ISVA_RECORDED = "isva_recorded", "ISVA recorded"
    SPECIAL_MEASURE_RECORDED = "special_measure_recorded", "Special measure recorded"
    SUPPORT_WITHDRAWN = "support_withdrawn", "Support withdrawn"
    MEETING_OFFERED = "meeting_offered", "Meeting offered"
    MEETING_HELD = "meeting_held", "Meeting held"
    MEETING_DECLINED = "meeting_declined", "Meeting declined"
    VRR_RECEIVED = "vrr_received", "VRR received"
    VRR_OUTCOME = "vrr_outcome", "VRR outcome"
    INVITED_TO_OWN_VIEW = "invited_to_own_view", "Invited to their own view"
    JOINED_OWN_VIEW = "joined_own_view", "Joined their own view"
    OWN_VIEW_ENDED = "own_view_ended", "Own view ended"
    WISHES_CHANGED_BY_COMPLAINANT = "wishes_changed_by_complainant", "Wishes changed by the complainant"
    CALL_REQUESTED = "call_requested", "Call requested"
    NO_LONGER_SUPPORTS = "no_longer_supports", "Said they no longer support the prosecution"
    LETTER_DUE = "letter_due", "Letter due"
    LETTER_SENT = "letter_sent", "Letter sent"
    CORRECTED = "corrected", "Corrected"
    CASE_ALLOCATED = "case_allocated", "Case allocated"
    REFERRAL_ALLOCATED = "referral_allocated", "Referral allocated"
    OFFICER_IN_CHARGE_CHANGED = "officer_in_charge_changed", "Officer in charge changed"
    JOURNEY_IMPORTED = "journey_imported", "Journey imported"


class TimelineEventQuerySet(ScopedQuerySet["TimelineEvent"]):
    """Timeline events, seen through their case."""

    scope_path = "case__"


class TimelineEvent(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="timeline")
    suspect = models.ForeignKey("cases.Suspect", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    verb = models.CharField(max_length=40, choices=Verb.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    occurred_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField(
        default=dict,
        blank=True,
        help_text="The facts the wording names: labels (never a person's name), codes, ISO dates, numbers, and "
        "caseworkers' words (screened when recorded).",
    )

    objects = TimelineEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"], name="timeline_case_time"),
            models.Index(fields=["-occurred_at", "-id"], name="timeline_order"),  # the API list's order
        ]

    def __str__(self) -> str:
        return self.summary

    def get_absolute_url(self) -> str:
        """The case tab where the record behind this event is shown."""
        tab = {
            Stage.EARLY_ADVICE: "cases:early-advice",
            Stage.CHARGING: "cases:charging",
            Stage.PRFI: "cases:charging",
            Stage.ACTION_PLAN: "actionplans:case-plans",
            Stage.VICTIM: "victims:case-complainants",
            Stage.COURT: "cases:court",
        }
        return reverse(tab.get(Stage(self.stage), "cases:detail"), args=[self.case_id])

    @cached_property
    def summary(self) -> str:
        """What a person reads of the event, worded now from its verb and payload (``cases.timeline``)."""
        from cases.timeline import in_words  # noqa: PLC0415 - the wording reads the choices of this app's models

        return in_words(self.verb, self.payload)
