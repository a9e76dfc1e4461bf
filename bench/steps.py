"""The step the benchmarks take, a write to a case's journey: a suspect added to a case, with nothing recorded (no
name, and "not recorded" for each protected characteristic). Its timeline event rewrites the case's journey facts in
the same transaction, so its time is the facts' cost on a write. Timed one at a time by `bench/pages.py` and under
load by the investigators of `bench/locustfile.py`."""

ADD_SUSPECT = {
    field: "not_recorded"
    for field in ("sex", "age_band", "ethnicity", "disability", "religion_or_belief", "sexual_orientation",
                  "gender_reassignment", "marriage_or_civil_partnership", "pregnancy_or_maternity")
}  # fmt: skip


def add_suspect_url(case: int) -> str:
    return f"/cases/{case}/suspects/new/"
