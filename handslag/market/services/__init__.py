"""Changes in the market: calls and applications, the supplier registry, questions and
answers, RFIs and dialogue events. One module per context, re-exported here so callers
write `services.call_publish(...)` whatever module holds it."""

from handslag.market.services.applications import (  # noqa: F401 - files of applications
    MAX_ATTACHMENTS,
    application_attachment_add,
    application_attachment_remove,
)
from handslag.market.services.calls import *  # noqa: F403
from handslag.market.services.calls import (  # noqa: F401 - used by views and tests
    CALL_AMENDABLE_FIELDS,
    CALL_EDITABLE_FIELDS,
    DECIDABLE,
    REFERENCE_PREFIX,
)
from handslag.market.services.dialogue import *  # noqa: F403
from handslag.market.services.questions import *  # noqa: F403
from handslag.market.services.registry import *  # noqa: F403
