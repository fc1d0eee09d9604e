"""The audit actions of documents: the names its services write to the audit log.

Named `<entity>.<verb>`; RENAMED keeps the names actions were stored under before
(handslag.audit.actions says why and reads them).
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class DocumentsAction(StrEnum):
    # A file was attached to a project, as its first version.
    ATTACHMENT_UPLOAD = "attachment.upload"
    # A new version of an attachment was added; earlier ones are kept.
    ATTACHMENT_VERSION_ADD = "attachment.version_add"
    # A shipped document template was copied as the organisation's version 1.
    DOCUMENT_TEMPLATE_COPY = "document_template.copy"
    # A new version of the organisation's document template was saved.
    DOCUMENT_TEMPLATE_VERSION_SAVE = "document_template.version_save"
    # A document was generated (DOCX or PDF) and kept as the next version.
    DOCUMENT_GENERATE = "document.generate"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, DocumentsAction]] = {}
