"""Who may do what with accounts and organisations."""

from handslag.accounts.models import ApiToken, Organisation, User
from handslag.accounts.roles import OrganisationRole
from handslag.core.permissions import not_found


def can_manage_organisation(*, user: User, organisation: Organisation) -> bool:
    return user.is_superuser or user.has_org_role(organisation.pk, OrganisationRole.ADMIN)


def access_api_token(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise not_found()
    return token
