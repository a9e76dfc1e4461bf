"""The suspect's journey in plain English, for the complainant's own view: one table from every status of
``cases.transitions.SuspectStatus`` to what the complainant reads of it, and the words for the steps behind them.

This is content, reviewed as content: a change to these words is reviewed by the victim liaison team like a letter
template, not only by developers. The words are written for a reading age of about 9 (tests/portal/
test_plain_words.py measures them), never name the suspect (the page says "the person you reported"), and say
nothing the complainant has not been told: no reasons, no caseworker's words. Each status's ``guide`` names the
typical duration (``scorecards.guides``) of the step that comes next, or None where no honest figure exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models.court import HearingKind, Result
from cases.transitions import SuspectStatus


@dataclass(frozen=True)
class PlainStep:
    """What a complainant reads of a status: where the case is ``now``, what that ``meaning`` is, the ``next_step``,
    ``who_acts`` on it, and the key of the typical duration of that next step (or None)."""

    now: Promise
    meaning: Promise
    next_step: Promise
    who_acts: Promise
    guide: str | None = None


S = SuspectStatus
_POLICE = _("The police.")
_CPS = _("The CPS. They are the lawyers who decide if a case goes to court.")
_NOBODY = _("No one needs to do anything now.")
_YOU = _("You, if you want to ask.")
_REVIEW = _("You can ask for this decision to be looked at again. This is called the Victims' Right to Review.")
_ENDED = _("Nothing more will happen in court. You can still get help and support.")

PLAIN_STEPS: dict[SuspectStatus, PlainStep] = {
    S.WITH_POLICE: PlainStep(
        _("The police are looking into what happened."),
        _("They talk to people and collect evidence. This can take a long time."),
        _("When they have done this, they may send the case to the CPS."),
        _POLICE,
        "investigation",
    ),
    S.EARLY_ADVICE_REQUESTED: PlainStep(
        _("The police have asked the CPS for advice."),
        _("The CPS will tell the police what else they need to find out. This is not a decision yet."),
        _("The CPS will give the police advice. Then the police will carry on with their work."),
        _CPS,
        "early_advice",
    ),
    S.EARLY_ADVICE_GIVEN: PlainStep(
        _("The CPS has given the police advice."),
        _("The police are now doing what it asked."),
        _("After that, they may ask the CPS to decide on a charge."),
        _POLICE,
        "to_charge",
    ),
    S.REFERRED: PlainStep(
        _("The police have asked the CPS to decide if there should be a charge."),
        _("A CPS lawyer is reading all of the evidence. They will decide if there is enough to go to court."),
        _("The CPS will make its choice. It may ask the police to do more work first."),
        _CPS,
        "charging_decision",
    ),
    S.ACTION_PLAN: PlainStep(
        _("The CPS has asked the police to do more work."),
        _("The CPS needs more facts before it can make its choice. This is normal."),
        _("The police will do the work and send it back to the CPS."),
        _POLICE,
        "action_plan",
    ),
    S.DECIDED: PlainStep(
        _("The CPS has said there will be no charge."),
        _("This means the case will not go to court. We will have written to you to say why."),
        _REVIEW,
        _YOU,
    ),
    S.PRFI: PlainStep(
        _("The case is on hold for now."),
        _("The CPS needs the police to do more work before it can look at the case again."),
        _("When the police have done the work, they will send the case back to the CPS."),
        _POLICE,
    ),
    S.POLICE_NFA: PlainStep(
        _("The police have said they will take no more action."),
        _("This means the police will not send the case to the CPS for now."),
        _("You can ask the police to look at this again. Ask the police how to do this."),
        _YOU,
    ),
    S.CHARGED: PlainStep(
        _("The CPS has said there will be a charge."),
        _("This means the case will go to court."),
        _("The case will be sent to the Crown Court. The court will set the dates."),
        _("The CPS and the court."),
        "charge_to_completion",
    ),
    S.AWAITING_PTPH: PlainStep(
        _("The case has been sent to the Crown Court."),
        _("The first hearing there will be soon. The person who was charged will say if they did it or not."),
        _("At that hearing, the court will also plan a trial if one is needed."),
        _("The court."),
        "charge_to_completion",
    ),
    S.AWAITING_TRIAL: PlainStep(
        _("The case is waiting for a trial."),
        _("At a trial, a court hears the case. Then a jury decides if the person is guilty."),
        _("The trial will take place on the day the court sets. We will help you get ready for it."),
        _("The court and the CPS."),
        "charge_to_completion",
    ),
    S.AT_TRIAL: PlainStep(
        _("The trial has started."),
        _("The court is hearing the case now."),
        _("At the end of the trial, the jury will say if the person is guilty or not."),
        _("The court."),
    ),
    S.CONVICTED: PlainStep(
        _("The person has been found guilty, or has said they did it."),
        _("This means the court will now give them a sentence. This is their punishment."),
        _("A judge will give the sentence."),
        _("The judge."),
        "sentence",
    ),
    S.ACQUITTED: PlainStep(
        _("The court found the person not guilty."),
        _("This means the case has ended. It does not mean that you were not believed."),
        _ENDED,
        _NOBODY,
    ),
    S.DISCONTINUED: PlainStep(
        _("The CPS has stopped the case."),
        _("This means the case will not go on in court. We will have written to you to say why."),
        _REVIEW,
        _YOU,
    ),
    S.LEFT_ON_FILE: PlainStep(
        _("The case has been left on file."),
        _("This means the case stops for now. It can only start again if a court agrees."),
        _("Nothing more will happen for now."),
        _NOBODY,
    ),
    S.SENTENCED: PlainStep(
        _("The judge has given the sentence."),
        _("This means the court case has ended."),
        _ENDED,
        _NOBODY,
    ),
}


class PastStep:
    """The steps behind a status that a complainant is told of, each in a sentence: read from the suspect's records
    (their dates are when things happened, not when they were typed in). Never a reason, an advice, a plan's
    contents or what happened at a hearing."""

    REPORTED = _("You told the police what happened.")
    EARLY_ADVICE_ASKED = _("The police asked the CPS for advice.")
    EARLY_ADVICE_GIVEN = _("The CPS gave the police advice.")
    SENT_FOR_DECISION = _("The police asked the CPS to decide if there should be a charge.")
    MORE_WORK_ASKED = _("The CPS asked the police to do more work.")
    MORE_WORK_DONE = _("The police sent the CPS the work it asked for.")
    ON_HOLD = _("The CPS put the case on hold until the police do more work.")
    CHARGED = _("The CPS said there will be a charge.")
    NOT_CHARGED = _("The CPS said there will be no charge.")
    POLICE_NO_ACTION = _("The police said they will take no more action.")
    SENT_TO_CROWN_COURT = _("The case was sent to the Crown Court.")
    SENTENCED = _("The judge gave the sentence.")


# The end of a prosecution, as the complainant is told it.
RESULTS: dict[Result, Promise] = {
    Result.GUILTY_PLEA: _("The person said they did it. This is called a guilty plea."),
    Result.CONVICTED_AFTER_TRIAL: _("The court found the person guilty."),
    Result.ACQUITTED: _("The court found the person not guilty."),
    Result.DISCONTINUED: _("The CPS stopped the case."),
    Result.NO_EVIDENCE_OFFERED: _("The CPS stopped the case in court."),
    Result.LEFT_ON_FILE: _("The case was left on file. It stops for now."),
}

HEARINGS: dict[HearingKind, Promise] = {
    HearingKind.FIRST: _("First hearing"),
    HearingKind.PTPH: _("Hearing where the person says if they did it, and the trial is planned"),
    HearingKind.MENTION: _("Short hearing to check how things are going"),
    HearingKind.TRIAL: pgettext_lazy("a hearing", "Trial"),
    HearingKind.SENTENCE: _("Hearing where the judge gives the sentence"),
}

# How the page names each person reported, in the order they were added to the case: never a name or a label.
_ORDINALS = (
    _("The first person you reported"),
    _("The second person you reported"),
    _("The third person you reported"),
    _("The fourth person you reported"),
    _("The fifth person you reported"),
    _("The sixth person you reported"),
)


def person_reported(position: int) -> str:
    """The ``position``-th (from 1) person reported, in words; past the sixth, by number."""
    if position <= len(_ORDINALS):
        return str(_ORDINALS[position - 1])
    return str(_("Person %(number)s you reported") % {"number": position})
