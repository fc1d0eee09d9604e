"""The roles people hold in organisations and in procurement projects (DESIGN §2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SUPPLIER = "supplier", _("Supplier")
    PARTNER = "partner", _("Partner")


class OrganisationRole(models.TextChoices):
    """What a person may do in their own organisation, outside any one project."""

    STAFF = "staff", _("Staff")
    NEED_OWNER = "need_owner", _("Need owner")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    ADMIN = "admin", _("Administrator")


class ProjectRole(models.TextChoices):
    """A person's role inside one procurement project; a person may hold several."""

    PROJECT_LEAD = "project_lead", _("Project lead")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    NEED_OWNER = "need_owner", _("Need owner")
    END_USER = "end_user", _("End-user representative")
    LEGAL = "legal", _("Legal")
    IT = "it", _("IT")
    FINANCE = "finance", _("Finance")
    PROCESS_LEAD = "process_lead", _("Process and change lead")
    SUBJECT_EXPERT = "subject_expert", _("Subject expert")
    SPONSOR = "sponsor", _("Leadership sponsor")
    EXTERNAL_ADVISOR = "external_advisor", _("External advisor")
    EVALUATOR = "evaluator", _("Evaluator")
    OPENING_OFFICIAL = "opening_official", _("Opening official")
