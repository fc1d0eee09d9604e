"""An ESPD response may be the XML file the ESPD service saves; nothing else in XML is."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.core.files import check_upload
from handslag.market import services
from handslag.market.models import Application

pytestmark = pytest.mark.django_db

ESPD_V2 = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- ESPD service -->\n'
    b'<QualificationApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:'
    b'xsd:QualificationApplicationResponse-2"><cbc:UBLVersionID>2.2</cbc:UBLVersionID>'
    b"</QualificationApplicationResponse>\n"
)
ESPD_V1 = (
    b'<?xml version="1.0"?><espd:ESPDResponse xmlns:espd="urn:grow:names:specification:'
    b'ubl:schema:xsd:ESPDResponse-1"></espd:ESPDResponse>'
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def xml(data: bytes, name: str = "espd-response.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/xml")


def apply(cast, kind: str, upload) -> Application:
    return services.application_create(
        actor=cast.user_a,
        call=cast.call,
        supplier=cast.supplier_a,
        text="Vi har kapacitet.",
        attachments=[(kind, upload)],
    )


@pytest.mark.parametrize("data", [ESPD_V2, ESPD_V1])
def test_an_espd_response_in_xml_is_accepted_as_the_espd(cast, data):
    application = apply(cast, "espd", xml(data))
    attachment = application.attachments.get()
    assert attachment.name == "espd-response.xml"
    assert attachment.content_type == "application/xml"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><html><script>alert(1)</script></html>',
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        b'<?xml version="1.0"?><Invoice>1</Invoice>',
        ESPD_V2.replace(b"</cbc:UBLVersionID>", b"</cbc:UBLVersionID><script>x</script>"),
        b"ESPDResponse but not XML at all",
    ],
)
def test_other_xml_is_refused_in_swedish_and_nothing_is_saved(cast, data):
    with pytest.raises(ValidationError) as refused:
        apply(cast, "espd", xml(data))
    assert "Som XML tas bara ett ESPD-svar emot" in str(refused.value)
    assert not Application.objects.filter(call=cast.call).exists()


def test_an_espd_response_in_xml_is_not_accepted_as_another_kind(cast):
    with pytest.raises(ValidationError):
        apply(cast, "certificate", xml(ESPD_V2))
    assert not Application.objects.filter(call=cast.call).exists()


def test_xml_stays_refused_everywhere_else():
    with pytest.raises(ValidationError):
        check_upload(xml(ESPD_V2))
