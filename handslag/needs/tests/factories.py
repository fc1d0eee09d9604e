"""Challenges, need statements and expected effects; defined once in handslag.testing."""

from handslag.testing.factories import (
    ChallengeFactory,
    ExpectedEffectFactory,
    NeedStatementFactory,
)

__all__ = ["ChallengeFactory", "ExpectedEffectFactory", "NeedStatementFactory"]
