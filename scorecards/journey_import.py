"""Importing journey files (INTERCHANGE.md, version 1) into the same tables the pages write, so that every measure
reads one set of tables.

A file is imported all or nothing, in one transaction: every line is checked, alone and against the case's other
events in date order (then file order), and any bad line rejects the whole file with a report of every bad line.
The same file imported again changes nothing (its SHA-256 is kept); a case whose URN the service already holds is a
bad line. Records are written with bulk inserts, a few thousand cases at a time; ``scorecards.journey_replay`` builds
them, case by case."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import InterfaceError, OperationalError, models, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, ChargingDecision, Referral, Suspect
from deadlines import pinned
from scorecards import journey_facts
from scorecards.journey_format import Event, LineError, read_lines
from scorecards.journey_replay import BadLine, CaseJourney, Records, Reference, order_events
from scorecards.models import ImportStatus, JourneyImport
from victims.models import Complainant, SurveyResponse

logger = logging.getLogger(__name__)
IMPORT_ACCOUNT = "journey-import"
CASES_PER_WRITE = 2_000
MAX_REPORTED_ERRORS = 100_000
URNS_PER_QUERY = 10_000  # SQLite binds at most 32,766 values in one statement
Progress = Callable[[int], None]


class Rejected(Exception):  # noqa: N818
    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} bad lines")
        self.errors = errors


def import_account() -> User:
    """The account named as the author of imported steps: an administrator that cannot sign in."""
    user, _ = User.objects.get_or_create(
        username=IMPORT_ACCOUNT,
        defaults={"role": Role.ADMINISTRATOR, "is_active": False, "first_name": "Journey", "last_name": "import",
                  "password": make_password(None)},
    )  # fmt: skip
    return user


def _write(records: Records, statistics: journey_facts.PlannerStatistics) -> None:
    def bulk(model: type[models.Model], rows: list[Any]) -> None:
        model.objects.bulk_create(rows, batch_size=CASES_PER_WRITE)  # type: ignore[attr-defined]

    bulk(Case, records.cases)
    bulk(Case.offences.through, [Case.offences.through(case=c, offence=o) for c, o in records.case_offences])
    bulk(Case.flags.through, [Case.flags.through(case=c, caseflag=f) for c, f in records.case_flags])
    for row in (*records.suspects, *records.referrals, *records.plans):
        row.take_case_organisations()
    bulk(Suspect, records.suspects)
    bulk(Complainant, records.complainants)
    bulk(Referral, records.referrals)
    bulk(ChargingDecision, records.decisions)
    through = ChargingDecision.charged_offences.through
    bulk(through, [through(chargingdecision=d, offence=o) for d, o in records.charged_offences])
    for name in ("prfis", "police_nfas", "plans", "actions", "hearings", "prosecutions", "pleas", "directions",
                 "letters", "timeline"):  # fmt: skip
        rows = getattr(records, name)
        if rows:
            bulk(type(rows[0]), rows)
    statistics.written(len(records.cases))
    journey_facts.refresh(case.pk for case in records.cases)


@dataclass
class Outcome:
    cases: int = 0
    events: int = 0


def _survey_responses(
    events: list[Event], reference: Reference, errors: list[LineError], today: date
) -> list[SurveyResponse]:
    responses = []
    for event in events:
        if event.fields["date"] > today:
            errors.append(LineError(event.line, f"the date {event.fields['date']:%Y-%m-%d} is in the future"))
            continue
        area_name = event.fields.get("cps_area")
        if area_name is not None and area_name not in reference.areas:
            errors.append(LineError(event.line, f"unknown CPS Area “{area_name}”"))
            continue
        responses.append(
            SurveyResponse(cps_area=reference.areas.get(area_name or ""), question=event.fields["question"],
                           agree=event.fields["agree"], responded_on=event.fields["date"])
        )  # fmt: skip
    return responses


def _by_case(
    parsed: Iterable[Event | LineError], errors: list[LineError]
) -> tuple[dict[str, list[Event]], list[Event]]:
    cases: dict[str, list[Event]] = defaultdict(list)
    surveys = []
    for item in parsed:
        if isinstance(item, LineError):
            errors.append(item)
        elif item.urn is None:
            surveys.append(item)
        else:
            cases[item.urn].append(item)
    return cases, surveys


def _check_cases(cases: dict[str, list[Event]], errors: list[LineError]) -> set[str]:
    """Every case is reported exactly once in the file, and is new to the service; returns the URNs never reported,
    whose events are not checked further."""
    urns = list(cases)
    existing = {
        urn
        for start in range(0, len(urns), URNS_PER_QUERY)
        for urn in Case.objects.filter(urn__in=urns[start : start + URNS_PER_QUERY]).values_list("urn", flat=True)
    }
    for urn, events in cases.items():
        reported = [event for event in events if event.name == "case_reported"]
        if not reported:
            errors += [LineError(e.line, f"no case_reported for {urn} in this file") for e in events]
        for event in reported[1:]:
            errors.append(LineError(event.line, f"{urn} was reported already on line {reported[0].line}"))
        if reported and urn in existing:
            errors.append(LineError(reported[0].line, f"a case with the URN {urn} is already in the service"))
    return {urn for urn, events in cases.items() if not any(e.name == "case_reported" for e in events)}


def _replay(journey: CaseJourney, urn: str, events: list[Event], errors: list[LineError]) -> None:
    """Apply a case's events in date order; each one the journey does not allow is a bad line."""
    for event in order_events(events):
        try:
            journey.apply(event)
        except BadLine as error:
            errors.append(LineError(event.line, str(error)))
        except Exception:  # a sequence the replay did not foresee is a bad line too, never a failed import
            logger.exception("journey import: line %d could not be applied", event.line)
            errors.append(LineError(event.line, f"{event.name} could not be applied to {urn}"))
        else:
            continue
        if journey.case is None:
            break


def import_lines(lines: Iterable[bytes], *, progress: Progress | None = None) -> Outcome:
    """Check and write the events of a file in one transaction; raises Rejected (nothing written) with every bad
    line. ``progress`` is told the number of events applied so far."""
    errors: list[LineError] = []
    cases, surveys = _by_case(read_lines(lines), errors)
    unreported = _check_cases(cases, errors)
    reference, account, today = Reference.load(), import_account(), timezone.localdate()
    outcome = Outcome()
    with transaction.atomic(), pinned():  # every deadline of the file from one reading of the numbers
        records, statistics = Records(), journey_facts.PlannerStatistics()
        for urn, urn_events in cases.items():
            if urn in unreported:
                continue
            _replay(CaseJourney(records, reference, account, today), urn, urn_events, errors)
            outcome.cases += 1
            outcome.events += len(urn_events)
            if progress is not None:
                progress(outcome.events)
            if len(records.cases) >= CASES_PER_WRITE:
                if not errors:
                    _write(records, statistics)
                records = Records()
        responses = _survey_responses(surveys, reference, errors, today)
        if errors:
            raise Rejected(sorted(errors, key=lambda e: e.line)[:MAX_REPORTED_ERRORS])
        _write(records, statistics)
        SurveyResponse.objects.bulk_create(responses, batch_size=CASES_PER_WRITE)
        outcome.events += len(responses)
    return outcome


def new_import(file_name: str, chunks: Iterable[bytes], *, uploaded_by: User | None = None) -> JourneyImport:
    """The record of a file about to be imported (unsaved): its name, its SHA-256 (by which a repeat is known) and
    its number of lines, read a chunk at a time so that the file is never held whole."""
    digest, lines, last = hashlib.sha256(), 0, b"\n"
    for chunk in chunks:
        digest.update(chunk)
        lines += chunk.count(b"\n")
        last = chunk[-1:] or last
    return JourneyImport(
        file_name=file_name[:255],
        sha256=digest.hexdigest(),
        lines_total=lines + (last != b"\n"),
        uploaded_by=uploaded_by,
    )


class Superseded(Exception):  # noqa: N818
    """The import is no longer this run's: beat's sweep stopped waiting for it and started the import again (or gave
    up on it), so this run must write nothing."""


# What stops an import without ending it: it is another run's now, or the database went away. Either way nothing was
# written, and the import is left running for beat's sweep to start again.
INTERRUPTED = (Superseded, InterfaceError, OperationalError)
_ENDING = ("status", "lines_total", "lines_done", "cases", "events", "errors", "finished_at")


def _save_ending(journey_import: JourneyImport) -> None:
    """Save how an import ended. A worker's import is saved only while it is still running on the attempt that worker
    claimed, so that of two runs of one import (one the sweep took for dead, and the one it started again) only one
    ever writes; the other raises Superseded, which rolls its transaction back. The command's import is its own."""
    if journey_import.pk is None:
        journey_import.save()
        return
    ours = JourneyImport.objects.filter(
        pk=journey_import.pk, status=ImportStatus.RUNNING, attempts=journey_import.attempts
    )
    if not ours.update(**{name: getattr(journey_import, name) for name in _ENDING}):
        raise Superseded(journey_import.pk)


class _Counted:
    """A file's lines, counted as the import reads them."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self.lines, self.count = lines, 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.lines:
            self.count += 1
            yield line


def run_import(
    journey_import: JourneyImport, lines: Iterable[bytes], *, progress: Progress | None = None
) -> JourneyImport:
    """Import a file recorded as ``journey_import``, and record how it ended: imported, unchanged, rejected, or
    failed (an error of the service's own, not of the file: nothing written, the reason kept). An imported file's
    record is saved in the transaction that writes its cases, so a repeat can never import it twice. ``lines`` are
    read once, as the import goes (not at all for a file imported before)."""
    journey_import.finished_at = timezone.now()
    if JourneyImport.objects.filter(sha256=journey_import.sha256, status=ImportStatus.IMPORTED).exists():
        journey_import.status = ImportStatus.UNCHANGED
        journey_import.lines_done = journey_import.lines_total
        _save_ending(journey_import)
        return journey_import
    counted = _Counted(lines)
    try:
        with transaction.atomic():
            outcome = import_lines(counted, progress=progress)
            journey_import.status = ImportStatus.IMPORTED
            journey_import.cases, journey_import.events = outcome.cases, outcome.events
            journey_import.lines_total = journey_import.lines_done = counted.count
            journey_import.finished_at = timezone.now()
            _save_ending(journey_import)
    except Rejected as rejected:
        journey_import.status = ImportStatus.REJECTED
        journey_import.errors = [{"line": e.line, "reason": e.reason} for e in rejected.errors]
        journey_import.lines_total = journey_import.lines_done = counted.count
        journey_import.finished_at = timezone.now()
        _save_ending(journey_import)
    except INTERRUPTED:
        raise
    except Exception as error:  # nothing was written (the transaction rolled back); the record says why
        logger.exception("journey import %s failed", journey_import.pk)
        return record_failure(journey_import, error)
    if progress is not None:
        progress(counted.count)
    return journey_import


def failure_reason(error: BaseException) -> str:
    """What the import's page and the command say when an import stopped on an error of the service's own."""
    if isinstance(error, MemoryError):
        what = "it ran out of memory"
    elif isinstance(error, FileNotFoundError):  # RASSO_UPLOAD_DIR is not the web's and the worker's both
        what = "the uploaded file was not found where the service keeps uploads"
    else:
        what = f"of an unexpected error ({type(error).__name__})"
    return (
        f"The import stopped because {what}. Nothing was imported. Import the file again; if it fails again, tell the "
        "service's support team."
    )


def record_failure(journey_import: JourneyImport, error: BaseException) -> JourneyImport:
    """Record that an import failed, with the reason, so that it never shows as running for ever."""
    journey_import.status = ImportStatus.FAILED
    journey_import.errors = [{"line": None, "reason": failure_reason(error)}]
    journey_import.finished_at = timezone.now()
    _save_ending(journey_import)
    return journey_import
