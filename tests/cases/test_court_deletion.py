"""A case in court goes with all its records when it is deleted; the hearing a result names cannot go alone."""

import pytest
from django.db.models import RestrictedError

from cases.models import Case, Hearing, Prosecution
from scorecards.journey_import import import_lines
from tests.scorecards.test_scorecard_measures import C, history

pytestmark = pytest.mark.django_db


def test_a_case_with_an_outcome_can_be_deleted_but_not_its_result_hearing() -> None:
    import_lines(history())
    prosecution = Prosecution.objects.get(suspect__case__urn=C)
    assert prosecution.result_hearing is not None
    with pytest.raises(RestrictedError):
        prosecution.result_hearing.delete()
    Case.objects.filter(urn=C).delete()
    assert not Prosecution.objects.filter(pk=prosecution.pk).exists()
    assert not Hearing.objects.filter(suspect__case__urn=C).exists()
