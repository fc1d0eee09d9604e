from handslag.projects.tests.conftest import (  # noqa: F401
    colleague,
    lead,
    need_owner,
    officer,
    org,
    outsider,
    project,
    supplier_user,
)
