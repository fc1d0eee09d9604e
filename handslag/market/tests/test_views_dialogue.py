"""Pages of the market dialogue: sign-up, profile, follow, questions, changes, RFIs, events."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member, valid_org_number
from handslag.market import services
from handslag.market.models import CallFollow, CallStatus, CallVersion, Question, Rfi
from handslag.market.tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _signup(**changes) -> dict:
    data = {
        "organisation_name": "Nya Köket AB",
        "org_number": valid_org_number("55"),
        "is_sme": "on",
        "capabilities": "Kök och menyer",
        "areas": ["food"],
        "first_name": "Eva",
        "last_name": "Lund",
        "email": "eva@nyakoket.example",
        "username": "eva-lund",
        "password": "Ett-långt-lösen-42",
        "password_again": "Ett-långt-lösen-42",
    }
    data.update(changes)
    return data


def test_sign_up_page_is_public_and_in_swedish(client):
    response = client.get(reverse("market:supplier_register"))
    assert response.status_code == 200
    assert "Organisationsnummer" in response.text


def test_sign_up_creates_everything_and_signs_in(client):
    response = client.post(reverse("market:supplier_register"), _signup())
    assert response.status_code == 302
    assert response["Location"] == reverse("market:supplier_home")
    user = User.objects.get(username="eva-lund")
    assert user.is_supplier and user.check_password("Ett-långt-lösen-42")
    home = client.get(reverse("market:supplier_home"))
    assert home.status_code == 200 and "Nya Köket AB" in home.text


@pytest.mark.parametrize(
    "changes",
    [
        {"org_number": "556677-8890"},
        {"password_again": "något annat"},
        {"password": "123", "password_again": "123"},
        {"email": "inte-en-adress"},
        {"areas": ["moon"]},
    ],
)
def test_sign_up_errors_re_render_with_400_and_save_nothing(client, changes):
    before = (User.objects.count(), Organisation.objects.count())
    response = client.post(reverse("market:supplier_register"), _signup(**changes))
    assert response.status_code == 400
    assert 'class="error-summary' in response.text or "error-summary" in response.text
    assert (User.objects.count(), Organisation.objects.count()) == before
    assert "_auth_user_id" not in client.session


def test_sign_up_duplicate_number_in_swedish(client, cast):
    response = client.post(
        reverse("market:supplier_register"), _signup(org_number=cast.supplier_a.org_number)
    )
    assert response.status_code == 400
    assert "redan registrerad" in response.text


def test_signed_in_people_are_sent_home_from_sign_up(client, cast):
    client.force_login(cast.user_a)
    assert client.get(reverse("market:supplier_register")).status_code == 302


def test_profile_edit_by_admin_and_forbidden_cases(client, cast):
    url = reverse("market:supplier_profile", args=[cast.supplier_a.pk])
    client.force_login(cast.user_a)
    assert client.get(url).status_code == 200
    response = client.post(url, {"capabilities": "Sensorer i parker", "areas": ["environment"]})
    assert response.status_code == 302
    assert cast.supplier_a.supplier_profile.areas == ["environment"]
    response = client.post(url, {"areas": ["moon"]})
    assert response.status_code == 400
    # Staff (not admin) of the supplier: may read, not change.
    staff = member(cast.supplier_a, OrganisationRole.STAFF)
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.post(url, {"capabilities": "x"}).status_code == 403
    # Another supplier and buyer staff: the profile does not exist for them.
    for who in (cast.user_b, cast.manager):
        client.force_login(who)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_follow_button(client, cast):
    url = reverse("market:call_follow", args=[cast.call.pk])
    client.force_login(cast.user_a)
    assert client.post(url, {"follow": "1"}).status_code == 302
    assert CallFollow.objects.filter(call=cast.call, organisation=cast.supplier_a).exists()
    page = client.get(reverse("market:public_call_detail", args=[cast.call.pk]))
    assert "Sluta följa annonsen" in page.text
    client.post(url, {"follow": "0"})
    assert not CallFollow.objects.exists()
    assert client.get(url).status_code == 405
    client.force_login(cast.manager)
    assert client.post(url).status_code == 403
    draft = CallFactory(status=CallStatus.DRAFT, published_at=None)
    client.force_login(cast.user_a)
    assert client.post(reverse("market:call_follow", args=[draft.pk])).status_code == 404


def test_question_journey_in_pages(client, cast):
    ask = reverse("market:question_create", args=[cast.call.pk])
    client.force_login(cast.user_a)
    assert client.get(ask).status_code == 200
    assert client.post(ask, {"supplier": cast.supplier_a.pk, "text": " "}).status_code == 400
    response = client.post(ask, {"supplier": cast.supplier_a.pk, "text": "Sensor A frågar: ok?"})
    assert response.status_code == 302
    question = Question.objects.get()
    # Supplier B cannot answer or even see the question.
    client.force_login(cast.user_b)
    assert client.get(reverse("market:question_answer", args=[question.pk])).status_code == 404
    # The team sees it with the asker; an evaluator cannot answer it.
    client.force_login(cast.team_member)
    listing = client.get(reverse("market:call_questions", args=[cast.call.pk]))
    assert listing.status_code == 200 and cast.supplier_a.name in listing.text
    assert client.get(reverse("market:question_answer", args=[question.pk])).status_code == 403
    client.force_login(cast.manager)
    answer_url = reverse("market:question_answer", args=[question.pk])
    assert client.get(answer_url).status_code == 200
    assert client.post(answer_url, {"published_question": "ok?", "answer": ""}).status_code == 400
    response = client.post(
        answer_url, {"published_question": "Är det ok?", "answer": "Ja, det går."}
    )
    assert response.status_code == 302
    # Everyone reads the answer without the asker's name.
    client.logout()
    public = client.get(reverse("market:public_call_detail", args=[cast.call.pk]))
    assert "Ja, det går." in public.text and "Är det ok?" in public.text
    assert cast.supplier_a.name not in public.text
    # The asker's home lists the question and the answer.
    client.force_login(cast.user_a)
    home = client.get(reverse("market:supplier_home"))
    assert "Ja, det går." in home.text


def test_question_pages_refuse_buyers_outsiders_and_anonymous(client, cast):
    ask = reverse("market:question_create", args=[cast.call.pk])
    client.force_login(cast.manager)
    assert client.get(ask).status_code == 403
    client.force_login(cast.outsider)
    assert client.get(reverse("market:call_questions", args=[cast.call.pk])).status_code == 404
    client.force_login(cast.user_a)
    assert client.get(reverse("market:call_questions", args=[cast.call.pk])).status_code == 404
    client.logout()
    assert client.get(ask).status_code == 302


def test_question_after_the_last_day_shows_a_closed_page(client, cast):
    cast.call.tender_deadline = timezone.now() + dt.timedelta(days=3)
    cast.call.application_deadline = timezone.now() + dt.timedelta(days=1)
    cast.call.save()
    client.force_login(cast.user_a)
    ask = reverse("market:question_create", args=[cast.call.pk])
    page = client.get(ask)
    assert page.status_code == 200 and 'class="empty"' in page.text
    response = client.post(ask, {"supplier": cast.supplier_a.pk, "text": "Sent?"})
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_amend_page_versions_and_mail(client, cast, django_capture_on_commit_callbacks):
    services.call_follow(actor=cast.user_a, call=cast.call, organisation=cast.supplier_a)
    url = reverse("market:call_amend", args=[cast.call.pk])
    client.force_login(cast.manager)
    assert client.get(url).status_code == 200
    data = {
        "title": "Ny titel",
        "summary": cast.call.summary,
        "timetable": "",
        "application_deadline": _local(cast.call.application_deadline),
        "tender_deadline": _local(cast.call.tender_deadline + dt.timedelta(days=5)),
        "max_partners": 2,
        "area": "",
        "reason": "",
    }
    assert client.post(url, data).status_code == 400
    assert not CallVersion.objects.exists()
    data["reason"] = "Fler partner och längre anbudstid."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    version = CallVersion.objects.get()
    assert {"title", "max_partners", "tender_deadline"} <= set(version.changes)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.user_a.email]
    client.logout()
    public = client.get(reverse("market:public_call_detail", args=[cast.call.pk]))
    assert "Ändringshistorik" in public.text and "Fler partner" in public.text
    for who, status in ((cast.team_member, 403), (cast.outsider, 404), (cast.user_a, 404)):
        client.force_login(who)
        assert client.get(url).status_code == status


def test_amend_page_redirects_for_drafts(client, cast):
    draft = CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)
    client.force_login(cast.manager)
    response = client.get(reverse("market:call_amend", args=[draft.pk]))
    assert response.status_code == 302


def _rfi_post(cast) -> dict:
    return {
        "title": "Marknadsdialog om vatten",
        "introduction": "Vad finns på marknaden?",
        "area": "environment",
        "deadline": _local(timezone.now() + dt.timedelta(days=14)),
        "questions": "Vilka sensorer?\nVad kostar det?",
    }


def test_rfi_pages(client, cast):
    create = reverse("market:rfi_create", args=[cast.project.pk])
    client.force_login(cast.team_member)
    assert client.get(create).status_code == 403
    client.force_login(cast.manager)
    assert client.get(create).status_code == 200
    bad = {**_rfi_post(cast), "questions": " \n "}
    assert client.post(create, bad).status_code == 400
    assert client.post(create, _rfi_post(cast)).status_code == 302
    rfi = Rfi.objects.get()
    # A draft is not public.
    client.logout()
    assert client.get(reverse("market:public_rfi_detail", args=[rfi.pk])).status_code == 404
    client.force_login(cast.manager)
    assert client.post(reverse("market:rfi_publish", args=[rfi.pk])).status_code == 302
    client.logout()
    assert rfi.title in client.get(reverse("market:public_rfi_list")).text
    assert client.get(reverse("market:public_rfi_detail", args=[rfi.pk])).status_code == 200
    # A supplier answers.
    client.force_login(cast.user_a)
    respond = reverse("market:rfi_respond", args=[rfi.pk])
    form = client.get(respond)
    assert form.status_code == 200 and "Vilka sensorer?" in form.text
    q1, q2 = rfi.questions.all()
    assert client.post(respond, {"supplier": cast.supplier_a.pk}).status_code == 400
    response = client.post(
        respond, {"supplier": cast.supplier_a.pk, f"question_{q1.pk}": "Markfukt"}
    )
    assert response.status_code == 302
    # The team reads the summary; others do not.
    client.force_login(cast.team_member)
    summary = client.get(reverse("market:rfi_detail", args=[rfi.pk]))
    assert summary.status_code == 200 and "Markfukt" in summary.text
    for who in (cast.user_a, cast.outsider, cast.colleague):
        client.force_login(who)
        assert client.get(reverse("market:rfi_detail", args=[rfi.pk])).status_code == 404
    client.force_login(cast.manager)
    close = reverse("market:rfi_close", args=[rfi.pk])
    assert client.get(close).status_code == 200
    assert client.post(close).status_code == 302
    assert client.post(close).status_code == 400
    client.force_login(cast.manager)
    assert client.get(reverse("market:call_list")).status_code == 200


def test_rfi_respond_refuses_buyers(client, cast):
    rfi = services.rfi_create(
        actor=cast.manager,
        project=cast.project,
        title="t",
        introduction="i",
        deadline=timezone.now() + dt.timedelta(days=3),
        questions=["q"],
    )
    services.rfi_publish(actor=cast.manager, rfi=rfi)
    client.force_login(cast.manager)
    assert client.get(reverse("market:rfi_respond", args=[rfi.pk])).status_code == 403


def test_event_pages(client, cast):
    create = reverse("market:event_create", args=[cast.project.pk])
    client.force_login(cast.manager)
    assert client.get(create).status_code == 200
    data = {
        "kind": "sprint",
        "title": "Innovationssprint",
        "starts_at": _local(timezone.now() + dt.timedelta(days=5)),
        "description": "Två dagar",
        "invited": [cast.supplier_a.pk],
    }
    assert client.post(create, {**data, "title": ""}).status_code == 400
    response = client.post(create, data)
    assert response.status_code == 302
    event_url = response["Location"]
    edit_url = event_url + "edit/"
    assert (
        client.post(
            edit_url, {"notes": "Hemliga anteckningar", "invited": [cast.supplier_a.pk]}
        ).status_code
        == 302
    )
    # The invited supplier sees the event but not the notes; others see nothing.
    client.force_login(cast.user_a)
    page = client.get(event_url)
    assert page.status_code == 200 and "Innovationssprint" in page.text
    assert "Hemliga anteckningar" not in page.text
    assert client.get(edit_url).status_code == 403
    assert "Innovationssprint" in client.get(reverse("market:supplier_home")).text
    client.force_login(cast.user_b)
    assert client.get(event_url).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(event_url).status_code == 404
    client.force_login(cast.colleague)
    assert "Hemliga anteckningar" in client.get(event_url).text
    client.force_login(cast.team_member)
    assert client.get(create).status_code == 403


def test_supplier_home_lists_tenders_questions_and_areas(client, cast):
    from handslag.tendering.models import Tender

    Tender.objects.create(
        call=cast.call,
        supplier=cast.supplier_a,
        submitted_by=cast.user_a,
        submitted_at=timezone.now(),
        ciphertext=b"x",
        content_sha256="0" * 64,
        receipt="abcdef0123456789",
    )
    CallFactory(area="food", title="Måltider i skolan")
    services.supplier_profile_update(
        actor=cast.user_a, organisation=cast.supplier_a, capabilities="", areas=["food"]
    )
    client.force_login(cast.user_a)
    with translation.override("sv"):
        home = client.get(reverse("market:supplier_home"))
    assert home.status_code == 200
    assert "abcdef01" in home.text
    assert "Måltider i skolan" in home.text
    client.force_login(cast.user_b)
    assert "abcdef01" not in client.get(reverse("market:supplier_home")).text


def test_buyer_call_page_shows_questions_count_and_amend(client, cast):
    services.question_ask(actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="?")
    client.force_login(cast.manager)
    page = client.get(reverse("market:call_detail", args=[cast.call.pk]))
    assert reverse("market:call_questions", args=[cast.call.pk]) in page.text
    assert reverse("market:call_amend", args=[cast.call.pk]) in page.text


def test_sign_up_check_digit_message_in_swedish(client):
    response = client.post(reverse("market:supplier_register"), _signup(org_number="556677-8890"))
    assert response.status_code == 400
    assert "kontrollsiffra stämmer inte" in response.text
