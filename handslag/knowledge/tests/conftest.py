from handslag.testing.fixtures import (  # noqa: F401
    colleague,
    lead,
    need_owner,
    officer,
    org,
    outsider,
    project,
    supplier_org,
    supplier_user,
)
