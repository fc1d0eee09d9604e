"""Demo documents: the procurement documents of Region Östergötland's home monitoring and
Växjö's waste collection, as DOCX and PDF, and a small attachment for each.

Idempotent: a document kind and format that a project already has, or an attachment with
the same name, is skipped. Projects the earlier loaders did not build are skipped too.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from handslag.documents import services
from handslag.documents.models import Attachment, DocumentKind, GeneratedDocument
from handslag.projects.demo import PROJECTS
from handslag.projects.models import Project

PROJECT_KEYS = ("home_monitoring", "waste")

ATTACHMENTS = {
    "home_monitoring": (
        "Sammanstallning-RFI-hemmonitorering.txt",
        "Sammanställning av svaren på RFI:n",
        "Sammanställning av RFI om hemmonitorering\n"
        "Workshop med vårdpersonal och patientföreträdare, därefter RFI.\n"
        "21 leverantörer ansökte om att delta; 5 bjöds in att lämna anbud.\n"
        "Leverantörerna efterfrågade tydligare villkor för partnerskapet och riskdelningen.\n",
    ),
    "waste": (
        "Anteckningar-marknadsdialog-sophamtning.txt",
        "Anteckningar från marknadsdialogen",
        "Marknadsdialog om sophämtning efter behov\n"
        "Leverantörerna visade sensorer för fyllnadsgrad i kärl och planering av rutter.\n"
        "Köp och förvaltning av lösningen ska vara överenskomna från början.\n",
    ),
}


def _project(key: str) -> Project | None:
    return Project.objects.filter(title=PROJECTS.get(key, "")).first()


def load() -> None:
    with translation.override("sv"):
        for key in PROJECT_KEYS:
            project = _project(key)
            if project is None:
                continue
            actor = project.created_by
            for fmt in ("docx", "pdf"):
                if not GeneratedDocument.objects.filter(
                    project=project, kind=DocumentKind.PROCUREMENT, fmt=fmt
                ).exists():
                    services.document_generate(
                        actor=actor, project=project, kind=DocumentKind.PROCUREMENT, fmt=fmt
                    )
            name, description, text = ATTACHMENTS[key]
            if not Attachment.objects.filter(project=project, name=name).exists():
                services.attachment_upload(
                    actor=actor,
                    project=project,
                    upload=SimpleUploadedFile(name, text.encode("utf-8")),
                    description=description,
                )
