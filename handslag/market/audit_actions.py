"""The audit actions of market: the names its services write to the audit log.

One naming style, `<entity>.<verb>`. An entry keeps the name it was written with (the hash
chain covers it), so an action that is renamed keeps its old name in RENAMED: readers of
the log ask handslag.audit.actions for the name an action has now.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class MarketAction(StrEnum):
    # A person registered a new supplier organisation and became its administrator.
    SUPPLIER_REGISTER = "supplier.register"
    # A supplier's profile (capabilities, areas followed) was changed.
    SUPPLIER_PROFILE_UPDATE = "supplier_profile.update"
    # A draft call was built from the project's need statements.
    CALL_CREATE = "call.create"
    # A draft call was changed.
    CALL_UPDATE = "call.update"
    # The call was published: suppliers may apply until the deadline.
    CALL_PUBLISH = "call.publish"
    # A published call was changed; the change is kept as a new version.
    CALL_AMEND = "call.amend"
    # The procurement was cancelled, with the reason shown to suppliers.
    CALL_CANCEL = "call.cancel"
    # A supplier followed a published call.
    CALL_FOLLOW = "call.follow"
    # A supplier stopped following a call.
    CALL_UNFOLLOW = "call.unfollow"
    # A supplier applied to take part in a call.
    APPLICATION_CREATE = "application.create"
    # A supplier added a file (ESPD response, reference, certificate) to its application.
    APPLICATION_ATTACHMENT_ADD = "application.attachment_add"
    # A supplier removed a file from its application before the deadline.
    APPLICATION_ATTACHMENT_REMOVE = "application.attachment_remove"
    # A supplier withdrew its application.
    APPLICATION_WITHDRAW = "application.withdraw"
    # An application was qualified against the selection criteria.
    APPLICATION_QUALIFY = "application.qualify"
    # An application was rejected against the selection criteria, with a reason.
    APPLICATION_REJECT = "application.reject"
    # A qualified supplier was invited to tender.
    APPLICATION_INVITE = "application.invite"
    # A supplier asked a private question about a call.
    QUESTION_ASK = "question.ask"
    # A question was answered to all suppliers, without naming who asked.
    QUESTION_ANSWER = "question.answer"
    # A draft request for information was written, with its questionnaire.
    RFI_CREATE = "rfi.create"
    # The RFI was published to the market.
    RFI_PUBLISH = "rfi.publish"
    # The RFI stopped taking answers.
    RFI_CLOSE = "rfi.close"
    # A supplier answered the RFI's questions.
    RFI_RESPOND = "rfi.respond"
    # A dialogue meeting, workshop or innovation sprint was planned.
    DIALOGUE_EVENT_CREATE = "dialogue_event.create"
    # A dialogue event's notes or invited suppliers were changed.
    DIALOGUE_EVENT_UPDATE = "dialogue_event.update"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, MarketAction]] = {}
