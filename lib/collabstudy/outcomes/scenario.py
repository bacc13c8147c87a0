"""A clearly labelled scenario, never an observation: the case-worker-change effect (BIP).

The report cites the Danish BIP study: the chance of a job within a year fell from 6 % to
4,7 % for people who changed case worker once. The scenario asks what that relative effect
would mean for the goal municipality's share, had everyone changed case worker once.
"""

from __future__ import annotations

from ..stats.rounding import within_rounding


def caseworker_change(scenario, observed_share: float) -> dict:
    """The effect implied by the cited probabilities, whether the report's own figures follow, and the scenario share."""
    before = scenario.job_probability_without_change
    after = scenario.job_probability_after_one_change
    drop_pp = (before - after) * 100
    relative = 1 - after / before
    return {
        "drop_pp": drop_pp,
        "relative_drop": relative,
        "stated_drop_pp_holds": within_rounding(scenario.stated_drop_pp, drop_pp, 1),
        "stated_relative_drop_holds": within_rounding(scenario.stated_relative_drop * 100, relative * 100, 0),
        "observed_share": observed_share,
        # If the observed share were already reduced by the effect, the share without it would be:
        "share_without_change": observed_share / (1 - relative),
    }
