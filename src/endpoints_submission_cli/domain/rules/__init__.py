"""The rules of the checker: their catalogue, and the seed ruleset that runs them."""

from endpoints_submission_cli.domain.rules.catalogue import (
    SEED_RULES,
    SEED_RULESET_NAME,
)
from endpoints_submission_cli.domain.rules.seed import SeedRuleset

__all__ = ["SEED_RULES", "SEED_RULESET_NAME", "SeedRuleset"]
