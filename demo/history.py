# ruff: noqa: PLR2004 - the proportions below are the calibration itself
"""Synthetic case histories in the journey import format (INTERCHANGE.md, version 1), for the demo's scorecards and
the benchmarks: deterministic for a seed and a day, about ten events a case, roughly in DOMAIN.md's proportions
(about half of suspects referred, early advice given within weeks and its plans after it, three in five decisions a
charge, mean days to charge in the low hundreds, two thirds of completed prosecutions a conviction, letters and
directions mostly on time).

URNs have digits where the demo population has letters (``01`` ``07`` ``1234567``), so the two never collide."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from demo.population import Placement, placements
from scorecards.periods import completed_quarters

OFFENCES = ("rape", "assault_by_penetration", "sexual_assault")
FLAGS = ("domestic_abuse", "non_recent", "child_complainant")
SEXES = ("female", "male", "not_recorded")
AGE_BANDS = ("under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "not_recorded")
ETHNICITIES = ("asian", "black", "mixed", "white", "other", "not_recorded")
OUTCOMES = ("charge", "nfa_evidential", "nfa_public_interest", "out_of_court_disposal", "other")
OUTCOME_WEIGHTS = (60, 30, 5, 3, 2)
RESULTS = ("guilty_plea", "convicted_after_trial", "acquitted", "discontinued", "no_evidence_offered", "left_on_file")
RESULT_WEIGHTS = (35, 30, 24, 6, 3, 2)
SURVEY_PER_AREA_QUARTER = 12


@dataclass(frozen=True)
class Place:
    force: str
    area: str
    code: str


class Journey:
    """One case's events, each kept only if it happened by ``today``."""

    def __init__(self, rng: random.Random, urn: str, today: date) -> None:
        self.rng, self.urn, self.today = rng, urn, today
        self.events: list[dict[str, Any]] = []

    def add(self, event: str, on: date | None = None, **fields: Any) -> bool:
        if on is not None and on > self.today:
            return False
        self.events.append({"event": event, "urn": self.urn, **({"date": on.isoformat()} if on else {}), **fields})
        return True

    def after(self, day: date, low: int, high: int) -> date:
        return day + timedelta(days=self.rng.randint(low, high))


def _people(journey: Journey, child: bool) -> tuple[list[str], list[str]]:
    rng = journey.rng
    suspects = ["S1"] if rng.random() < 0.9 else ["S1", "S2"]
    complainants = ["C1"] if rng.random() < 0.95 else ["C1", "C2"]
    for label in suspects:
        journey.add(
            "suspect_added",
            suspect=label,
            in_custody=rng.random() < 0.05,
            sex=rng.choice(SEXES[:2] * 9 + SEXES),
            age_band=rng.choice(AGE_BANDS),
            ethnicity=rng.choice(ETHNICITIES),
        )
    for label in complainants:
        journey.add(
            "complainant_added",
            complainant=label,
            sex=rng.choice(SEXES),
            ethnicity=rng.choice(ETHNICITIES),
            age_band="under_18" if child else rng.choice(AGE_BANDS[1:]),
            disability=rng.random() < 0.2,
        )
    return suspects, complainants


def _plans(journey: Journey, suspect: str, day: date, count: int, serial: list[int]) -> date | None:
    """Set and answer ``count`` action plans from ``day``; the day the last was answered, or None if still open."""
    for _ in range(count):
        day = journey.after(day, 3, 20)
        serial[0] += 1
        plan = f"P{serial[0]}"
        if not journey.add("action_plan_set", day, suspect=suspect, plan=plan, actions=journey.rng.randint(1, 5)):
            return None
        day = journey.after(day, 10, 100)
        if not journey.add("action_plan_answered", day, plan=plan):
            return None
    return day


def _letters(journey: Journey, complainants: list[str], kind: str, decided_on: date) -> None:
    for label in complainants:
        on_time = journey.rng.random() < 0.85
        sent = journey.after(decided_on, 0, 1) if on_time else journey.after(decided_on, 3, 15)
        journey.add(
            "victim_letter",
            complainant=label,
            kind=kind,
            decision_on=decided_on.isoformat(),
            sent_on=sent.isoformat() if sent <= journey.today else None,
        )


def _court(journey: Journey, suspect: str, charged_on: date) -> None:
    rng = journey.rng
    day = journey.after(charged_on, 1, 14)
    if not journey.add("hearing", day, suspect=suspect, court="magistrates", kind="first"):
        return
    day = journey.after(day, 21, 35)
    if not journey.add("hearing", day, suspect=suspect, court="crown", kind="ptph"):
        return
    result = rng.choices(RESULTS, weights=RESULT_WEIGHTS)[0]
    early_plea = result == "guilty_plea" and rng.random() < 0.5
    journey.add("plea", day, suspect=suspect, plea="guilty" if early_plea else "not_guilty")
    if rng.random() < 0.7:
        set_on = day
        due = journey.after(set_on, 14, 42)
        on_time = rng.random() < 0.95
        complied = journey.after(set_on, 0, (due - set_on).days) if on_time else journey.after(due, 1, 30)
        journey.events.append(
            {
                "event": "judge_direction",
                "urn": journey.urn,
                "direction": "Serve the defence case",
                "set_on": set_on.isoformat(),
                "due_on": due.isoformat(),
                "complied_on": complied.isoformat() if complied <= journey.today else None,
            }
        )
    if not early_plea:
        for kind in ["mention"] * rng.randint(0, 3) + ["trial"]:
            day = journey.after(day, 20, 150)
            if not journey.add("hearing", day, suspect=suspect, court="crown", kind=kind):
                return
        if result == "guilty_plea":
            journey.add("plea", day, suspect=suspect, plea="guilty")
    journey.add("outcome", day, suspect=suspect, result=result)


def _decide(journey: Journey, suspect: str, referred_on: date, complainants: list[str], serial: list[int]) -> None:
    rng = journey.rng
    day = _plans(journey, suspect, referred_on, rng.choices((0, 1, 2, 3), weights=(40, 35, 17, 8))[0], serial)
    if day is None:
        return
    if rng.random() < 0.1:
        day = journey.after(day, 10, 60)
        if not journey.add("prfi", day, suspect=suspect):
            return
        day = journey.after(day, 20, 120)
        if not journey.add("referral_received", day, suspect=suspect, kind="charging_decision"):
            return
    decided = journey.after(day, 5, 90)
    outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS)[0]
    threshold = outcome == "charge" and rng.random() < 0.08
    test = "threshold" if threshold else "full_code"
    if not journey.add("decision", decided, suspect=suspect, outcome=outcome, test=test):
        return
    if threshold:
        journey.add("decision", journey.after(decided, 14, 60), suspect=suspect, outcome="charge", test="full_code")
    if outcome == "charge":
        _letters(journey, complainants, "point_of_charge", decided)
        _court(journey, suspect, decided)
    elif outcome.startswith("nfa"):
        _letters(journey, complainants, "nfa", decided)


def _suspect_journey(
    journey: Journey, suspect: str, reported: date, complainants: list[str], serial: list[int]
) -> None:
    rng = journey.rng
    day = journey.after(reported, 20, 200)
    if rng.random() < 0.35:
        if not journey.add("referral_received", day, suspect=suspect, kind="early_advice"):
            return
        # The advice comes within weeks, around its 21-day deadline; the plans follow the advice.
        day = journey.after(day, 3, 35)
        if not journey.add("early_advice_given", day, suspect=suspect):
            return
        answered = _plans(journey, suspect, day, rng.choices((0, 1, 2), weights=(60, 30, 10))[0], serial)
        if answered is None:
            return
        day = journey.after(answered, 10, 120)
    if rng.random() < 0.55:
        if journey.add("referral_received", day, suspect=suspect, kind="charging_decision"):
            _decide(journey, suspect, day, complainants, serial)
    elif rng.random() < 0.6:
        journey.add("police_nfa", journey.after(day, 0, 60), suspect=suspect)


def case_journey(rng: random.Random, *, urn: str, place: Place, reported: date, today: date) -> list[dict[str, Any]]:
    journey = Journey(rng, urn, today)
    flags = [flag for flag in FLAGS if rng.random() < 0.2]
    offences = ["rape"] + [o for o in OFFENCES[1:] if rng.random() < 0.2]
    journey.add(
        "case_reported", reported, police_force=place.force, cps_area=place.area, offences=offences, flags=flags
    )
    suspects, complainants = _people(journey, "child_complainant" in flags)
    serial = [0]
    for suspect in suspects:
        _suspect_journey(journey, suspect, reported, complainants, serial)
    if rng.random() < 0.1:
        stage = rng.choice(("investigation", "pre_charge", "post_charge"))
        journey.add("complainant_withdrew", journey.after(reported, 30, 400), complainant="C1", stage=stage)
    return journey.events


def journey_lines(
    *, cases: int, seed: int, today: date, years: int = 3, first: int = 1, surveys: bool = True
) -> Iterator[bytes]:
    """``cases`` case histories reported over the last ``years`` years, numbered from ``first`` (so that batches
    never share a URN), and survey responses for each Area and completed quarter, as JSON lines."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data must be reproducible, not secret
    placed: list[Placement] = [p for p in placements() if not p.area.is_cps_direct]
    chosen = rng.choices(placed, weights=[p.weight for p in placed], k=cases)
    span = years * 365
    for serial, placement in enumerate(chosen, start=first):
        place = Place(placement.force.name, placement.area.name, placement.force.code)
        reported = today - timedelta(days=rng.randint(30, span))
        urn = f"{place.code}{rng.randint(0, 99):02d}{serial:07d}"
        for event in case_journey(rng, urn=urn, place=place, reported=reported, today=today):
            yield json.dumps(event).encode()
    for quarter in completed_quarters(today, years * 4 if surveys else 0):
        for area in sorted({p.area.name for p in placed}):
            for _ in range(SURVEY_PER_AREA_QUARTER):
                question = rng.choice(("listened_to_in_court", "responds_to_feedback"))
                on = quarter.start + timedelta(days=rng.randint(0, (quarter.end - quarter.start).days))
                yield json.dumps(
                    {
                        "event": "survey_response",
                        "date": on.isoformat(),
                        "question": question,
                        "agree": rng.random() < 0.7,
                        "cps_area": area,
                    }
                ).encode()
