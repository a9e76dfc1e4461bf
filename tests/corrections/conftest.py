"""Fixtures of the correction tests."""

import pytest

from tests.corrections.journey import Journey, build_journey


@pytest.fixture
def journey() -> Journey:
    return build_journey()
