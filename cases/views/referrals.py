"""What the triage page shows of the referral it triages: the offences the police propose, custody and the detention
clock, and the file's checklist (what it holds and what is missing)."""

from __future__ import annotations

from cases.models import Referral
from govuk.wording import moment_in_words


def triage_summary(referral: Referral) -> list[tuple[str, str]]:
    """The rows above the triage form: what the police sent, each item of the file included or not."""
    offences = "\n".join(offence.title for offence in referral.proposed_offences.all()) or "None given"
    rows = [
        ("Offences the police propose", offences),
        ("Suspect in custody", "Yes" if referral.priority else "No"),
        ("Arrested", moment_in_words(referral.arrested_at) if referral.arrested_at else "Not recorded"),
    ]
    if (clock := referral.detention_clock) is not None:
        rows.append(("Detention clock", clock.summary()))
    if not referral.file_contents:
        return [*rows, ("What the file holds", "Not recorded")]
    return rows + [
        (check.label, "Included" if check.included else "Not included") for check in referral.file_checklist()
    ]
