"""Fixtures shared by the tests."""

from __future__ import annotations

import pytest

from analysis import config


@pytest.fixture(scope="session")
def shared_data():
    """The ``../shared/data`` folder, or skip: a user's fresh clone does not have it."""
    if not config.SHARED_DATA_DIR.is_dir():
        pytest.skip(f"../shared/data not found at {config.SHARED_DATA_DIR} (only on the team's machines and CI)")
    return config.SHARED_DATA_DIR
