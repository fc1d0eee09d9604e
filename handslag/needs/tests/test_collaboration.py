"""Support, comments, similar needs (with cross-organisation privacy), networks, export."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from handslag.accounts import services as account_services
from handslag.accounts.models import InvitationStatus, NetworkMembership
from handslag.accounts.roles import OrganisationRole as R
from handslag.accounts.tests.factories import member
from handslag.needs import selectors, services, similarity
from handslag.needs.models import ChallengeStatus, SimilarityTerm, Visibility

pytestmark = pytest.mark.django_db

WASTE = (
    "Sopkärl töms efter schema även när de är tomma. Sensorer som mäter fyllnadsgrad i "
    "sopkärlen skulle minska transporterna."
)
WASTE_EN = "Waste containers are emptied on a schedule even when empty. Fill level sensors."


def _challenge(world, *, org=None, user=None, text=WASTE, title="Tömning av sopkärl", **kw):
    org = org or world.org
    user = user or (world.staff if org == world.org else world.other_officer)
    return services.challenge_submit(
        actor=user, organisation=org, title=title, description=text, **kw
    )


def _need(world, *, org=None, user=None, title="Smartare avfallshantering", problem=WASTE, **kw):
    org = org or world.org
    user = user or (world.officer if org == world.org else world.other_officer)
    return services.need_create(actor=user, organisation=org, title=title, problem=problem, **kw)


# --- Support and comments -----------------------------------------------------------------


def test_colleague_supports_once(world):
    challenge = _challenge(world)
    services.challenge_support(actor=world.need_owner, challenge=challenge)
    with pytest.raises(ValidationError):
        services.challenge_support(actor=world.need_owner, challenge=challenge)
    assert challenge.supports.count() == 1


def test_submitter_cannot_support_own_challenge(world):
    challenge = _challenge(world)
    with pytest.raises(ValidationError):
        services.challenge_support(actor=world.staff, challenge=challenge)


def test_other_organisation_cannot_support_or_comment(world):
    challenge = _challenge(world)
    with pytest.raises(PermissionDenied):
        services.challenge_support(actor=world.other_officer, challenge=challenge)
    with pytest.raises(PermissionDenied):
        services.challenge_comment_add(actor=world.other_officer, challenge=challenge, text="x")


def test_support_of_declined_challenge_is_refused(world):
    challenge = _challenge(world)
    services.challenge_decline(actor=world.officer, challenge=challenge, reason="Out of scope")
    with pytest.raises(ValidationError):
        services.challenge_support(actor=world.need_owner, challenge=challenge)


def test_unsupport(world):
    challenge = _challenge(world)
    services.challenge_support(actor=world.admin, challenge=challenge)
    services.challenge_unsupport(actor=world.admin, challenge=challenge)
    assert challenge.supports.count() == 0
    with pytest.raises(ValidationError):
        services.challenge_unsupport(actor=world.admin, challenge=challenge)


def test_empty_comment_refused_and_comment_kept(world):
    challenge = _challenge(world)
    with pytest.raises(ValidationError):
        services.challenge_comment_add(actor=world.admin, challenge=challenge, text="   ")
    services.challenge_comment_add(actor=world.admin, challenge=challenge, text="Samma hos oss.")
    assert [c.text for c in selectors.challenge_comments(challenge=challenge)] == ["Samma hos oss."]


def test_board_filters_by_support_and_unit_and_sorts(world):
    a = _challenge(world, title="A", unit="Parkförvaltningen")
    b = _challenge(world, title="B", unit="Tekniska")
    for user in (world.need_owner, world.officer):
        services.challenge_support(actor=user, challenge=b)
    services.challenge_support(actor=world.admin, challenge=a)
    by_support = list(selectors.challenge_list_visible(user=world.officer, sort="support"))
    assert [c.title for c in by_support] == ["B", "A"]
    assert by_support[0].support_count == 2
    assert [
        c.title for c in selectors.challenge_list_visible(user=world.officer, min_support=2)
    ] == ["B"]
    assert [
        c.title for c in selectors.challenge_list_visible(user=world.officer, unit="tekniska")
    ] == ["B"]


# --- Similar needs ------------------------------------------------------------------------


def test_terms_stem_swedish_and_english_and_drop_stop_words():
    t = similarity.terms("Sensorerna och sensors i sopkärlen och the containers")
    assert "och" not in t and "the" not in t
    assert t[similarity.stem("sensorerna")] >= 1
    assert similarity.stem("sensorer") == similarity.stem("sensors")


def test_private_records_are_never_indexed_or_suggested(world):
    _challenge(world, org=world.other_org)  # private by default
    _need(world, org=world.other_org)
    mine = _need(world)
    assert SimilarityTerm.objects.count() == 0
    assert selectors.similar_for_need(user=world.officer, need=mine) == []


def test_shared_need_of_other_buyer_is_suggested_with_score(world):
    other = _need(world, org=world.other_org, visibility=Visibility.BUYERS)
    _need(
        world,
        org=world.other_org,
        title="Snöröjning",
        problem="Plogbilar kör utan kunskap om snödjup.",
        visibility=Visibility.BUYERS,
    )
    mine = _need(world)
    found = selectors.similar_for_need(user=world.officer, need=mine)
    assert found[0].object == other
    assert 0 < found[0].score <= 1
    assert all(item.object.title != "Snöröjning" or item.score < found[0].score for item in found)


def test_english_text_finds_swedish_shared_need(world):
    _need(world, org=world.other_org, visibility=Visibility.BUYERS)
    mine = _need(world, title="Waste", problem=WASTE_EN)
    assert selectors.similar_for_need(user=world.officer, need=mine)


def test_own_organisation_is_not_suggested(world):
    _need(world, visibility=Visibility.BUYERS)
    mine = _need(world, title="Annan")
    assert selectors.similar_for_need(user=world.officer, need=mine) == []


def test_making_private_again_removes_from_index(world):
    other = _need(world, org=world.other_org, visibility=Visibility.BUYERS)
    mine = _need(world)
    assert selectors.similar_for_need(user=world.officer, need=mine)
    services.need_update(actor=world.other_officer, need=other, visibility=Visibility.ORGANISATION)
    assert selectors.similar_for_need(user=world.officer, need=mine) == []
    assert not SimilarityTerm.objects.filter(object_id=other.pk).exists()


def test_stale_index_row_never_leaks_a_private_record(world):
    other = _need(world, org=world.other_org, visibility=Visibility.BUYERS)
    # Simulate an index out of step with the record (e.g. a bulk update bypassing services).
    type(other).objects.filter(pk=other.pk).update(visibility=Visibility.ORGANISATION)
    mine = _need(world)
    assert selectors.similar_for_need(user=world.officer, need=mine) == []


def test_shared_challenge_found_and_declined_one_dropped(world):
    challenge = _challenge(world, org=world.other_org, visibility=Visibility.BUYERS)
    mine = _need(world)
    assert [i.object for i in selectors.similar_for_need(user=world.officer, need=mine)] == [
        challenge
    ]
    services.challenge_decline(actor=world.other_officer, challenge=challenge, reason="Nej")
    assert challenge.status == ChallengeStatus.DECLINED
    assert selectors.similar_for_need(user=world.officer, need=mine) == []


def test_visibility_change_rights(world):
    challenge = _challenge(world)
    services.challenge_set_visibility(
        actor=world.staff, challenge=challenge, visibility=Visibility.BUYERS
    )
    with pytest.raises(PermissionDenied):
        services.challenge_set_visibility(
            actor=world.other_officer, challenge=challenge, visibility=Visibility.ORGANISATION
        )
    other_staff = member(world.org, R.STAFF)
    with pytest.raises(PermissionDenied):
        services.challenge_set_visibility(
            actor=other_staff, challenge=challenge, visibility=Visibility.ORGANISATION
        )
    with pytest.raises(ValidationError):
        services.challenge_set_visibility(actor=world.staff, challenge=challenge, visibility="x")


def test_similar_page_hides_private_text_from_other_buyer(client, world):
    secret = _need(world, title="Hemlig plan", problem=WASTE + " hemligt")
    shared = _need(
        world, org=world.other_org, title="Delad avfallsbehov", visibility=Visibility.BUYERS
    )
    mine = _need(world, org=world.other_org, title="Ystads avfall", problem=WASTE)
    client.force_login(world.other_officer)
    html = client.get(reverse("needs:need_similar", args=[mine.pk])).content.decode()
    assert "Hemlig plan" not in html and shared.title not in html  # own org is excluded
    client.force_login(world.officer)
    html = client.get(reverse("needs:need_detail", args=[secret.pk])).content.decode()
    assert "Delad avfallsbehov" in html


def test_similar_fragment_for_draft_text(client, world):
    _need(world, org=world.other_org, title="Delad avfallsbehov", visibility=Visibility.BUYERS)
    mine = _need(world, title="Parker", problem="Bevattning av parker")
    client.force_login(world.officer)
    url = reverse("needs:need_similar", args=[mine.pk])
    response = client.get(url, {"problem": WASTE}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Delad avfallsbehov" in body and "<html" not in body
    assert "Delad avfallsbehov" not in client.get(url).content.decode()  # stored text differs


def test_similar_page_of_another_organisations_need_is_404(client, world):
    theirs = _need(world, org=world.other_org, visibility=Visibility.BUYERS)
    client.force_login(world.officer)
    assert client.get(reverse("needs:need_similar", args=[theirs.pk])).status_code == 404


# --- Views: support, comment --------------------------------------------------------------


def test_support_and_comment_views(client, world):
    challenge = _challenge(world)
    client.force_login(world.need_owner)
    client.post(reverse("needs:challenge_support", args=[challenge.pk]))
    client.post(reverse("needs:challenge_comment", args=[challenge.pk]), {"text": "Instämmer"})
    html = client.get(reverse("needs:challenge_detail", args=[challenge.pk])).content.decode()
    assert "Instämmer" in html
    assert challenge.supports.count() == 1
    assert (
        client.post(
            reverse("needs:challenge_comment", args=[challenge.pk]), {"text": ""}
        ).status_code
        == 400
    )
    client.force_login(world.other_officer)
    assert client.post(reverse("needs:challenge_support", args=[challenge.pk])).status_code == 404
    client.logout()
    response = client.post(reverse("needs:challenge_support", args=[challenge.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_board_view_sorts_by_support(client, world):
    _challenge(world, title="Lite stöd")
    many = _challenge(world, title="Mycket stöd")
    services.challenge_support(actor=world.officer, challenge=many)
    client.force_login(world.officer)
    html = client.get(reverse("needs:challenge_list"), {"sort": "support"}).content.decode()
    assert html.index("Mycket stöd") < html.index("Lite stöd")


# --- Export -------------------------------------------------------------------------------


def test_export_docx_and_pdf_contain_fields_and_effects(client, world):
    from docx import Document as Docx
    from pypdf import PdfReader

    need = _need(world, target_group="Invånare", functional_requirements="Mäta fyllnadsgrad")
    services.effect_add(
        actor=world.officer,
        need=need,
        description="Färre tömningar",
        indicator="Tömningar per år",
        unit="st",
        baseline=1000,
        target=600,
    )
    client.force_login(world.staff)
    docx = client.get(reverse("needs:need_export", args=[need.pk, "docx"]))
    assert docx.status_code == 200
    doc = Docx(BytesIO(docx.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    for expected in ("Invånare", "Mäta fyllnadsgrad", "Färre tömningar", "Tömningar per år"):
        assert expected in text
    pdf = client.get(reverse("needs:need_export", args=[need.pk, "pdf"]))
    pdf_text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    flat = " ".join(pdf_text.split())
    assert "Färre" in flat and "tömningar" in flat and "Invånare" in flat
    assert client.get(reverse("needs:need_export", args=[need.pk, "exe"])).status_code == 404
    client.force_login(world.other_officer)
    assert client.get(reverse("needs:need_export", args=[need.pk, "pdf"])).status_code == 404


# --- Buyer networks -----------------------------------------------------------------------


def test_network_invitation_accepted_by_invited_organisation(world):
    network = account_services.network_create(
        actor=world.officer, organisation=world.org, name="Syd"
    )
    invitation = account_services.network_invite(
        actor=world.officer, network=network, organisation=world.other_org
    )
    with pytest.raises(ValidationError):
        account_services.network_invite(
            actor=world.officer, network=network, organisation=world.other_org
        )
    with pytest.raises(PermissionDenied):  # the inviter cannot accept for the other buyer
        account_services.network_invitation_accept(actor=world.officer, invitation=invitation)
    other_staff = member(world.other_org, R.STAFF)
    with pytest.raises(PermissionDenied):
        account_services.network_invitation_accept(actor=other_staff, invitation=invitation)
    account_services.network_invitation_accept(actor=world.other_officer, invitation=invitation)
    assert invitation.status == InvitationStatus.ACCEPTED
    assert NetworkMembership.objects.filter(network=network, organisation=world.other_org).exists()
    with pytest.raises(ValidationError):
        account_services.network_invitation_decline(
            actor=world.other_officer, invitation=invitation
        )


def test_network_rules(world):
    with pytest.raises(PermissionDenied):
        account_services.network_create(actor=world.staff, organisation=world.org, name="X")
    network = account_services.network_create(actor=world.officer, organisation=world.org, name="X")
    with pytest.raises(ValidationError):
        account_services.network_invite(
            actor=world.officer, network=network, organisation=world.supplier_org
        )
    with pytest.raises(ValidationError):
        account_services.network_invite(
            actor=world.officer, network=network, organisation=world.org
        )
    with pytest.raises(PermissionDenied):
        account_services.network_invite(
            actor=world.other_officer, network=network, organisation=world.other_org
        )


def test_invite_from_similar_need_view_and_accept(client, world):
    mine = _need(world)
    client.force_login(world.officer)
    url = reverse("needs:need_network_invite", args=[mine.pk]) + f"?with={world.other_org.pk}"
    assert client.get(url).status_code == 200
    assert client.post(url, {"network": "", "name": ""}).status_code == 400
    response = client.post(url, {"network": "", "name": "Innovationsupphandling Syd"})
    assert response.status_code == 302
    client.force_login(world.other_officer)
    html = client.get(reverse("needs:network_list")).content.decode()
    assert "Innovationsupphandling Syd" in html
    invitation = world.other_org.network_invitations.get()
    client.post(reverse("needs:network_invitation_answer", args=[invitation.pk, "accept"]))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    client.force_login(member(world.supplier_org, R.ADMIN))
    assert (
        client.get(reverse("needs:network_detail", args=[invitation.network_id])).status_code == 404
    )


def test_published_page_never_shows_comments_or_supporters(client, world):
    challenge = _challenge(world)
    services.challenge_comment_add(actor=world.admin, challenge=challenge, text="Intern anteckning")
    services.challenge_support(actor=world.admin, challenge=challenge)
    services.challenge_publish(actor=world.officer, challenge=challenge)
    html = client.get(
        reverse("needs:public_challenge_detail", args=[challenge.pk])
    ).content.decode()
    assert challenge.title in html
    assert "Intern anteckning" not in html and str(world.admin) not in html
