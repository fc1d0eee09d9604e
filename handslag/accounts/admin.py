from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from handslag.accounts.models import ApiToken, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class HandslagUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "org_number", "org_number_verified", "is_sme")
    list_filter = ("kind", "country", "org_number_verified")
    search_fields = ("name", "org_number")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("digest", "prefix")
