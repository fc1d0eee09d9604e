"""Documented options for the partnership's intellectual-property and risk-sharing terms.

Suppliers in Östergötland said the "partnership" was not in the commercial terms; picking
one of these options, each with its guidance, makes the buyer decide it explicitly and
lets the contract page explain what was chosen. The guidance follows the European
Commission's guidance on innovation procurement (C(2021) 4320) and the Swedish National
Agency for Public Procurement's material on innovation partnerships.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IpModel(models.TextChoices):
    BUYER_OWNS = "buyer_owns", _("The buyer owns the results")
    SUPPLIER_OWNS_LICENCE = (
        "supplier_owns_licence",
        _("The supplier owns the results; the buyer has a licence"),
    )
    SHARED = "shared", _("Shared ownership")


class RiskModel(models.TextChoices):
    PHASE_PAYMENTS = "phase_payments", _("Payment per phase against its intermediate target")
    COST_SHARING = "cost_sharing", _("Shared development cost")
    ROYALTY = "royalty", _("Royalty on later sales")
    FIRST_CUSTOMER = "first_customer", _("Purchase commitment as first customer")


IP_GUIDANCE = {
    IpModel.BUYER_OWNS: _(
        "The buyer may use, change and pass on the results freely, but pays for it: "
        "suppliers price in the lost commercial value, and the solution is less likely to "
        "be sold to others. Choose it when the buyer must control the results, e.g. for "
        "security or interoperability."
    ),
    IpModel.SUPPLIER_OWNS_LICENCE: _(
        "The usual choice in innovation partnerships: the supplier keeps the rights and can "
        "sell the solution to others; the buyer gets a free, lasting licence to use it and "
        "to let other public buyers that join use it, and a right to call for a licence to "
        "third parties if the supplier does not exploit the results."
    ),
    IpModel.SHARED: _(
        "Both own the results and must agree on every use, which is hard to manage. Only "
        "when both bring substantial background rights, and with a written agreement on "
        "who may exploit what."
    ),
}

RISK_GUIDANCE = {
    RiskModel.PHASE_PAYMENTS: _(
        "Each phase is paid in instalments when its intermediate target is verified at the "
        "gate; the buyer may end or reduce the partnership there. Limits the buyer's loss "
        "to the phase in progress."
    ),
    RiskModel.COST_SHARING: _(
        "The supplier co-finances the development (e.g. in exchange for keeping the rights) "
        "and the buyer pays less per phase; state the shares in the contract."
    ),
    RiskModel.ROYALTY: _(
        "The buyer pays the development in full and receives a share of the supplier's "
        "later sales to other customers, up to an agreed ceiling."
    ),
    RiskModel.FIRST_CUSTOMER: _(
        "The buyer commits to buy an agreed volume at agreed prices if the last phase "
        "reaches its targets: the supplier's reward for the risk is a first reference "
        "customer and a full-scale testbed."
    ),
}


def ip_guidance(value: str) -> str:
    return str(IP_GUIDANCE.get(value, ""))


def risk_guidance(value: str) -> str:
    return str(RISK_GUIDANCE.get(value, ""))
