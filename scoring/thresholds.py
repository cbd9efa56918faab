"""--fail-under: the bars a team sets in CI."""

from __future__ import annotations


def check_thresholds(metrics: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """One message per metric below its bar (keys must exist; the CLI checks that first)."""
    return [f"{key} = {metrics[key]:.4f} is below {bar:g}" for key, bar in thresholds.items() if metrics[key] < bar]
