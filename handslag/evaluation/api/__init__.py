"""Evaluation API, mounted at /api/v1/tendering/ beside tendering's own router so every
path stays where it was: criteria, scores, consensus, ranking, declarations, the award
and the evaluation models."""

from ninja import Router

from handslag.evaluation.api.award import router as award_router
from handslag.evaluation.api.evaluation_model import router as evaluation_model_router
from handslag.evaluation.api.scoring import router as scoring_router

router = Router(tags=["tendering"])
router.add_router("", scoring_router)
router.add_router("", award_router)
router.add_router("", evaluation_model_router)
