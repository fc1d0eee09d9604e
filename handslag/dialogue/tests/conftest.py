import datetime as dt

import pytest

from handslag.testing.fixtures import (  # noqa: F401
    colleague,
    lead,
    need_owner,
    org,
    outsider,
    project,
    supplier_org,
    supplier_user,
)

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def team_member(need_owner):  # noqa: F811
    """A need owner in the team: not a manager of the project, but keeps its dialogue."""
    return need_owner
