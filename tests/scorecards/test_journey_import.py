"""The journey import (INTERCHANGE.md, version 1): the records the pages create, all or nothing with every bad line
reported by number, the same file twice changing nothing, from the command line and from the administrator's page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from actionplans.models import ActionPlan, PlanStatus
from cases.models import (
    Case,
    ChargingDecision,
    Hearing,
    PoliceNfa,
    Prfi,
    Prosecution,
    Referral,
    Suspect,
    TimelineEvent,
)
from cases.transitions import SuspectStatus
from scorecards.journey_format import MAX_ACTIONS, MAX_CODE, MAX_CODES, MAX_LABEL, MAX_NESTING, MAX_TEXT
from scorecards.journey_import import Rejected, import_lines
from scorecards.models import JourneyImport
from scorecards.tasks import start_queued_imports
from tests.clients import signed_in
from tests.journeys import jsonl, line, reported
from tests.scorecards.test_scorecard_measures import A, B, C, D, history
from victims.models import Communication, Complainant, SurveyResponse

pytestmark = pytest.mark.django_db


def test_a_file_becomes_the_records_the_pages_create(user_of: Callable[..., User]) -> None:
    outcome = import_lines(history())
    assert (outcome.cases, Case.objects.count(), SurveyResponse.objects.count()) == (4, 4, 4)

    a1 = Suspect.objects.get(case__urn=A, label="S1")
    assert a1.status == SuspectStatus.CONVICTED  # charged, sent, PTPH held, then the guilty plea: awaiting sentence
    assert list(a1.referrals.values_list("kind", "received_on", "closed_on")) == [
        ("early_advice", date(2024, 4, 3), date(2024, 4, 24)),
        ("charging_decision", date(2024, 5, 1), date(2024, 6, 28)),
    ]
    threshold = ChargingDecision.objects.get(referral__suspect=a1)
    assert (threshold.test, threshold.full_code_reviewed_on) == ("threshold", date(2024, 7, 20))
    assert [offence.code for offence in threshold.charged_offences.all()] == ["rape"]
    assert set(ActionPlan.objects.filter(suspect=a1).values_list("label", "status")) == {
        ("P1", PlanStatus.ANSWERED),
        ("P2", PlanStatus.ANSWERED),
        ("P3", PlanStatus.ANSWERED),
    }
    assert ActionPlan.objects.get(label="P1").actions.count() == 3

    b1 = Suspect.objects.get(case__urn=B, label="S1")
    # The police's response to the PRFI is a new referral, received on its own date with its own deadline, as the
    # pages record it; the PRFI names it.
    first, response = Referral.objects.filter(suspect=b1).order_by("received_on")
    assert [(r.received_on, r.due_on, r.closed_on) for r in (first, response)] == [
        (date(2024, 4, 10), date(2024, 5, 8), date(2024, 5, 1)),
        (date(2024, 5, 20), date(2024, 6, 17), date(2024, 6, 30)),
    ]
    prfi = Prfi.objects.get(referral__suspect=b1)
    assert (prfi.referral, prfi.reopened_on, prfi.reopened_as) == (first, date(2024, 5, 20), response)
    assert ChargingDecision.objects.get(referral__suspect=b1).referral == response
    assert (b1.status, Suspect.objects.get(case__urn=B, label="S2").status) == (SuspectStatus.DECIDED, "prfi")

    c1 = Suspect.objects.get(case__urn=C, label="S1")
    prosecution = Prosecution.objects.get(suspect=c1)
    assert (prosecution.sent_on, prosecution.result, prosecution.completed_on) == (
        date(2024, 4, 5),
        "discontinued",
        date(2024, 9, 2),
    )
    fourth = Hearing.objects.filter(suspect=c1).order_by("held_on", "id")[3]  # numbered in date order
    assert (prosecution.result_hearing, fourth.held_on) == (fourth, date(2024, 9, 2))
    letters = Communication.objects.filter(complainant__case__urn=C).order_by("complainant__label")
    assert [(x.kind, x.due_on) for x in letters] == [  # after the August bank holiday, by the Victims' Code clock
        ("discontinuance", date(2024, 9, 2)),
        ("charge_altered", date(2024, 8, 27)),
    ]
    assert Complainant.objects.get(case__urn=C, label="C1").withdrawal_stage == "post_charge"
    assert TimelineEvent.objects.filter(case__urn=C, verb="journey_imported").count() == 1

    # A prosecutor of the Area opens the imported case like any other.
    page = signed_in(user_of(Role.PROSECUTOR, cps_area="North East")).get(f"/cases/{c1.case_id}/")
    assert page.status_code == 200
    assert C in page.content.decode()


def _bad_file(today: date) -> list[bytes]:
    tomorrow = (today + timedelta(days=1)).isoformat()
    return [
        reported(A, "2024-03-01"),  # 1
        line("suspect_added", urn=A, suspect="S1"),  # 2
        b'{"event": "decision", "urn": ',  # 3: broken JSON
        line("sentencing", urn=A),  # 4: unknown event
        line("referral_received", urn="13ZZ9999999", suspect="S1", date="2024-04-01", kind="early_advice"),  # 5
        line("action_plan_set", urn=A, suspect="S1", date="2024-03-20", plan="P1", actions=1),  # 6: not referred yet
        line("referral_received", urn=A, suspect="S1", date="2024-04-01", kind="charging_decision"),  # 7
        line("decision", urn=A, suspect="S1", date="2024-02-01", outcome="charge", test="full_code"),  # 8: too early
        line("hearing", urn=A, suspect="S1", date=tomorrow, court="crown", kind="trial"),  # 9: in the future
        b'{"event": "survey_response", "pad": "' + b"x" * 70_000 + b'"}',  # 10: huge
        reported(B, "2024-03-01", force="Kent Police"),  # 11: Kent is not served by Yorkshire and Humberside
        line("referral_received", urn=A, suspect="S1", date="2024-13-01", kind="early_advice"),  # 12: no such date
        line("survey_response", date="2024-05-01", question="listened_to_in_court", agree=True),  # 13: fine
    ]


def test_bad_lines_reject_the_whole_file_and_each_is_reported_by_number() -> None:
    with pytest.raises(Rejected) as rejected:
        import_lines(_bad_file(timezone.localdate()))
    reasons = {error.line: error.reason for error in rejected.value.errors}
    assert sorted(reasons) == [3, 4, 5, 6, 8, 9, 10, 11, 12]
    assert reasons[3].startswith("not valid JSON")
    assert reasons[4].startswith("unknown event “sentencing”")
    assert reasons[5] == "no case_reported for 13ZZ9999999 in this file"
    assert reasons[6].startswith(
        "S1: You cannot set an action plan: an action plan answers an open referral or follows early advice already "
        "given. From here you can: request early advice"
    )
    assert reasons[8] == "decision on 2024-02-01 is before the case was reported"
    assert reasons[9].endswith("is in the future")
    assert reasons[10] == "the line is longer than 64 KiB"
    assert reasons[11] == "Yorkshire and Humberside does not serve Kent Police"
    assert reasons[12] == "referral_received: “date” “2024-13-01” is not a real date"
    assert (Case.objects.count(), Referral.objects.count(), SurveyResponse.objects.count()) == (0, 0, 0)


def test_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_bytes(jsonl(history()))
    first, second = StringIO(), StringIO()
    call_command("import_journeys", str(path), "--no-progress", stdout=first)
    call_command("import_journeys", str(path), "--no-progress", stdout=second)
    assert first.getvalue().strip() == f"Imported 4 cases and {len(history())} events from history.jsonl."
    assert second.getvalue().strip() == "history.jsonl was imported before: nothing changed."
    assert (Case.objects.count(), Referral.objects.count(), SurveyResponse.objects.count()) == (4, 8, 4)
    assert list(JourneyImport.objects.order_by("pk").values_list("status", flat=True)) == ["imported", "unchanged"]


def test_a_case_the_service_holds_already_is_a_bad_line(tmp_path: Path) -> None:
    import_lines(history()[:3])
    path = tmp_path / "again.jsonl"
    path.write_bytes(jsonl([line("survey_response", date="2024-05-01", question="responds_to_feedback", agree=True),
                           *history()[:3]]))  # fmt: skip
    errors = StringIO()
    with pytest.raises(CommandError, match=r"again\.jsonl was not imported: 1 bad lines"):
        call_command("import_journeys", str(path), "--no-progress", stderr=errors)
    assert f"line 2: a case with the URN {A} is already in the service" in errors.getvalue()
    assert SurveyResponse.objects.count() == 0


def test_the_command_shows_its_progress(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_bytes(jsonl(history()))
    progress = StringIO()
    call_command("import_journeys", str(path), stdout=StringIO(), stderr=progress)
    assert "100%" in progress.getvalue()
    assert f"{len(history())}/{len(history())}" in progress.getvalue()


def test_only_administrators_import(user_of: Callable[..., User]) -> None:
    analyst = signed_in(user_of(Role.ANALYST))
    assert analyst.get("/scorecards/import/").status_code == 403
    upload = SimpleUploadedFile("history.jsonl", jsonl(history()))
    assert analyst.post("/scorecards/import/", {"file": upload}).status_code == 403
    assert JourneyImport.objects.count() == 0


def test_a_rejected_upload_lists_the_lines_to_correct(user_of: Callable[..., User]) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    upload = SimpleUploadedFile("bad.jsonl", jsonl(_bad_file(timezone.localdate())))
    response = administrator.post("/scorecards/import/", {"file": upload})
    journey_import = JourneyImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/scorecards/import/{journey_import.pk}/"
    waiting = administrator.get(response["Location"]).content.decode()
    assert "Waiting to start" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting

    assert start_queued_imports() == 1
    page = administrator.get(response["Location"]).content.decode()
    assert "Nothing was imported: 9 lines need correcting" in page
    assert "the line is longer than 64 KiB" in page
    assert "refresh" not in page
    assert Case.objects.count() == 0


def _unbounded_file() -> list[bytes]:
    """Lines that are not what the contract says, each in a way a careless or hostile file might be."""
    plan = {"urn": A, "suspect": "S1", "date": "2024-04-08", "plan": "P1"}
    return [
        reported(A, "2024-03-01"),  # 1: fine
        line("suspect_added", urn=A, suspect="S1"),  # 2: fine
        b'{"event": {"a": 1}}',  # 3: the event's name is an object
        b'{"event": ["decision"]}',  # 4: ... or a list
        b'["event", "decision"]',  # 5: not an object
        line("action_plan_set", **plan, actions=10**30),  # 6: would build 10^30 actions
        line("action_plan_set", **{**plan, "plan": "P2"}, actions=MAX_ACTIONS + 1),  # 7: one too many
        line("action_plan_set", **{**plan, "plan": "P3"}, actions="3"),  # 8: a string
        line("action_plan_set", **{**plan, "plan": "P4"}, actions=True),  # 9: a boolean
        reported(B, "2024-03-01", offences=tuple(f"code{n}" for n in range(MAX_CODES + 1))),  # 10: too many codes
        reported(C, "2024-03-01", offences=("x" * (MAX_CODE + 1),)),  # 11: a code too long
        line("suspect_added", urn=A, suspect="S" * (MAX_LABEL + 1)),  # 12: a label too long
        line("suspect_added", urn=A, suspect="S\u00002"),  # 13: a NUL character
        line("judge_direction", urn=A, direction="x" * (MAX_TEXT + 1), set_on="2024-04-01", due_on="2024-05-01"),  # 14
        line("referral_received", urn=A, suspect="S1", date="2024-W15-1", kind="early_advice"),  # 15: a week date
        line("referral_received", urn=A, suspect="S1", date="0001-01-01", kind="early_advice"),  # 16: year 1
        b'{"event": "survey_response", "pad": ' + b"[" * 30_000 + b"]" * 30_000 + b"}",  # 17: nested 30,000 deep
        b'{"event": "plea", "urn": "' + A.encode() + b'", "n": ' + b"9" * 5_000 + b"}",  # 18: 5,000 digits
        line("survey_response", date="2999-01-01", question="listened_to_in_court", agree=True),  # 19: the future
        line("suspect_added", urn=12, suspect=["S9"]),  # 20: wrong types
        line("event-" + "x" * 10_000),  # 21: a long unknown name, not echoed whole
    ]


def test_every_field_is_typed_and_bounded_and_each_bad_line_is_reported() -> None:
    with pytest.raises(Rejected) as rejected:
        import_lines(_unbounded_file())
    reasons = {error.line: error.reason for error in rejected.value.errors}
    assert sorted(reasons) == list(range(3, 22)), reasons
    assert reasons[3].startswith('unknown event “{"a": 1}”: expected one of case_reported')
    assert reasons[4].startswith('unknown event “["decision"]”')
    assert reasons[5] == 'the line is not a JSON object: expected {"event": …, …}'
    for number in (6, 7, 8, 9):
        assert reasons[number] == f"action_plan_set: “actions” must be a whole number from 1 to {MAX_ACTIONS}"
    assert reasons[10] == f"case_reported: “offences” has more than {MAX_CODES} codes"
    assert reasons[11] == f"case_reported: “offences” must be a list of codes of 1 to {MAX_CODE} characters"
    assert reasons[12] == f"suspect_added: “suspect” is longer than {MAX_LABEL} characters"
    assert reasons[13] == "suspect_added: “suspect” contains a NUL character"
    assert reasons[14] == f"judge_direction: “direction” is longer than {MAX_TEXT} characters"
    assert reasons[15] == "referral_received: “date” must be a date written YYYY-MM-DD"
    assert reasons[16] == "referral_received: “date” “0001-01-01” is before 1900-01-01"
    assert reasons[17] == f"the line nests arrays and objects more than {MAX_NESTING} deep"
    assert reasons[18] == "not valid JSON (a number with too many digits)"
    assert reasons[19] == "the date 2999-01-01 is in the future"
    assert reasons[20] == "suspect_added: “urn” must be text; “suspect” must be text"
    assert reasons[21].startswith(f"unknown event “event-{'x' * 34}…”")
    assert all(len(reason) < 500 for reason in reasons.values())
    assert (Case.objects.count(), ActionPlan.objects.count(), SurveyResponse.objects.count()) == (0, 0, 0)


def test_a_police_nfa_may_carry_its_home_office_outcome_and_a_hearing_its_court() -> None:
    """Beyond the contract, accepted when sent and checked, never required: a police NFA's Home Office outcome (as
    text or as a number) and a hearing's court by name."""
    charged = [
        line("referral_received", urn=D, suspect="S1", date="2024-01-05", kind="charging_decision"),
        line("decision", urn=D, suspect="S1", date="2024-02-01", outcome="charge", test="full_code"),
    ]
    import_lines([
        reported(A, "2024-03-01"), *(line("suspect_added", urn=A, suspect=s) for s in ("S1", "S2", "S3")),
        line("police_nfa", urn=A, suspect="S1", date="2024-04-01", outcome_code="16"),
        line("police_nfa", urn=A, suspect="S2", date="2024-04-02", outcome_code=15),
        line("police_nfa", urn=A, suspect="S3", date="2024-04-03"),
        reported(D, "2024-01-02"), line("suspect_added", urn=D, suspect="S1"), *charged,
        line("hearing", urn=D, suspect="S1", date="2024-02-02", court="magistrates", kind="first",
             court_name="Leeds Magistrates' Court"),
        line("hearing", urn=D, suspect="S1", date="2024-03-01", court="crown", kind="ptph"),
    ])  # fmt: skip
    assert list(PoliceNfa.objects.order_by("nfa_on").values_list("suspect__label", "outcome_code")) == [
        ("S1", "16"),
        ("S2", "15"),
        ("S3", ""),
    ]
    assert list(Hearing.objects.order_by("held_on").values_list("court_name", flat=True)) == [
        "Leeds Magistrates' Court",
        "",
    ]
    assert set(Suspect.objects.values_list("status", flat=True)) == {SuspectStatus.POLICE_NFA, "awaiting_trial"}


def test_the_most_actions_a_plan_may_have_are_imported() -> None:
    lines = history()
    lines[lines.index(next(x for x in lines if b'"P1"' in x and b"action_plan_set" in x))] = line(
        "action_plan_set", urn=A, suspect="S1", date="2024-04-08", plan="P1", actions=MAX_ACTIONS
    )
    import_lines(lines)
    assert ActionPlan.objects.get(label="P1").actions.count() == MAX_ACTIONS


def test_the_command_lists_lines_that_are_not_events_and_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(jsonl([b'{"event": {"a": 1}}', line("action_plan_set", urn=A, suspect="S1", date="2024-04-08",
                                                          plan="P1", actions=10**30)]))  # fmt: skip
    errors = StringIO()
    with pytest.raises(CommandError, match=r"odd\.jsonl was not imported: 2 bad lines"):
        call_command("import_journeys", str(path), "--no-progress", stderr=errors)
    assert 'line 1: unknown event “{"a": 1}”' in errors.getvalue()
    assert f"line 2: action_plan_set: “actions” must be a whole number from 1 to {MAX_ACTIONS}" in errors.getvalue()
    assert JourneyImport.objects.get().status == "rejected"


def _worker_runs_out_of_memory(*args: object, **kwargs: object) -> None:
    raise MemoryError


def test_an_upload_whose_worker_fails_ends_failed_with_the_reason(
    user_of: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    response = administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    monkeypatch.setattr("scorecards.journey_import.import_lines", _worker_runs_out_of_memory)

    assert start_queued_imports() == 1  # the worker goes on, to the next import if there is one
    journey_import = JourneyImport.objects.get()
    assert (journey_import.status, journey_import.finished_at is not None) == ("failed", True)
    assert not journey_import.file, "the file is deleted once the import has ended"
    page = administrator.get(response["Location"]).content.decode()
    assert "Failed: nothing was imported" in page
    assert "The import stopped because it ran out of memory. Nothing was imported." in page
    assert "refresh" not in page
    assert Case.objects.count() == 0

    # The same file again imports (a failed import is not an imported one).
    monkeypatch.undo()
    again = administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    assert start_queued_imports() == 1
    assert JourneyImport.objects.get(pk=again["Location"].split("/")[-2]).status == "imported"


def test_a_failure_before_the_import_begins_ends_failed_too(
    user_of: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    administrator = signed_in(user_of(Role.ADMINISTRATOR))
    administrator.post("/scorecards/import/", {"file": SimpleUploadedFile("h.jsonl", jsonl(history()))})
    monkeypatch.setattr("scorecards.tasks.run_import", _worker_runs_out_of_memory)
    assert start_queued_imports() == 1
    assert JourneyImport.objects.get().status == "failed"


def test_the_command_says_why_an_import_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a fault of the service's own")

    monkeypatch.setattr("scorecards.journey_import.import_lines", broken)
    path = tmp_path / "history.jsonl"
    path.write_bytes(jsonl(history()))
    with pytest.raises(CommandError, match=r"history\.jsonl was not imported: The import stopped because of an "
                                           r"unexpected error \(RuntimeError\)"):  # fmt: skip
        call_command("import_journeys", str(path), "--no-progress")
    assert JourneyImport.objects.get().status == "failed"
