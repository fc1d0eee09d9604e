"""Tendering API (/api/v1/tendering/): tenders, the opening, files, negotiation rounds and
channels. The evaluation's router is mounted at the same prefix (config/api.py)."""

from ninja import Router

from handslag.tendering.api.negotiation import router as negotiation_router
from handslag.tendering.api.tenders import router as tenders_router

router = Router(tags=["tendering"])
router.add_router("", tenders_router)
router.add_router("", negotiation_router)
