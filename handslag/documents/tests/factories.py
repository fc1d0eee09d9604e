"""Test data for documents: a project with its team, and files of every kind."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.models import User
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.projects.models import Project, ProjectMember
from handslag.projects.tests.factories import make_project


def minimal_pdf(text: str = "Bilaga") -> bytes:
    """A tiny valid one-page PDF, built by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 300
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'


def upload(name: str = "protokoll.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf() if content is None else content)


class RawUpload:
    """An upload whose name is passed on exactly as given (Django's own classes strip
    folders from names; an API client or another caller might not)."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name, self.content, self.size = name, content, len(content)
        self.position = 0

    def chunks(self, chunk_size: int = 4):
        for start in range(0, len(self.content), chunk_size):
            yield self.content[start : start + chunk_size]

    def read(self, size: int = -1) -> bytes:
        end = len(self.content) if size < 0 else self.position + size
        data = self.content[self.position : end]
        self.position += len(data)
        return data

    def seek(self, position: int) -> None:
        self.position = position


class Team:
    """A project with one person in each position the permission rules tell apart."""

    def __init__(self) -> None:
        self.organisation = buyer()
        self.lead = member(self.organisation, OrganisationRole.PROCUREMENT_OFFICER)
        self.project: Project = make_project(lead=self.lead, organisation=self.organisation)
        self.team_member = member(self.organisation, OrganisationRole.STAFF)
        ProjectMember.objects.create(
            project=self.project, user=self.team_member, role=ProjectRole.SUBJECT_EXPERT
        )
        self.staff = member(self.organisation, OrganisationRole.STAFF)  # outside the team
        self.other = member(buyer(), OrganisationRole.PROCUREMENT_OFFICER)
        self.supplier: User = member(supplier(), OrganisationRole.ADMIN)


@pytest.fixture
def team(db) -> Team:
    return Team()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
