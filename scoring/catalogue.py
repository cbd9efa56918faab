"""Every metric Byline reports, named once: its key, its layer, and where it is shown.

The table, JSON, markdown and leaderboard formatters and the regression gate all read this
module, so a metric is added or renamed in one place. METRIC_VERSION changes only when the
definition of a metric changes (what counts as a match, a new scheme); a package release that
leaves the metrics alone keeps it, so stored reports stay comparable across upgrades.
"""

from __future__ import annotations

from dataclasses import dataclass

METRIC_VERSION = 1


@dataclass(frozen=True)
class Metric:
    key: str          # the count key; reported as KEY.precision / .recall / .f1
    layer: str
    label: str        # short column heading
    headline: bool    # in the default table, the regression gate and the leaderboard
    leaderboard: bool = False


CATALOGUE = (
    Metric("entities.strict", "entities", "entities strict", True, True),
    Metric("entities.exact", "entities", "ent exact", False),
    Metric("entities.partial", "entities", "ent partial", False),
    Metric("entities.type", "entities", "ent type", False),
    Metric("entities.entity", "entities", "entity level", True, True),
    Metric("quotes.detection", "quotes", "quote detection", True, True),
    Metric("quotes.form", "quotes", "quote form", False),
    Metric("quotes.speaker", "quotes", "quote speaker", True, True),
    Metric("events.tri_i", "events", "Tri-I", False),
    Metric("events.tri_c", "events", "Tri-C", True, True),
    Metric("events.tri_c_realis", "events", "Tri-C+realis", False),
    Metric("events.arg_i", "events", "Arg-I", False),
    Metric("events.arg_c", "events", "Arg-C", True, True),
    Metric("events.arg_c_realis", "events", "Arg-C+realis", False),
    Metric("sources.detection", "sources", "source detection", True, True),
    Metric("sources.kind", "sources", "source kind", False),
    Metric("sources.quote_links", "sources", "quote links", False),
)
BY_KEY = {m.key: m for m in CATALOGUE}
ALL = tuple(m.key for m in CATALOGUE)                      # every metric with an interval
HEADLINE = tuple(m.key for m in CATALOGUE if m.headline)    # the default table and the gate
LEADERBOARD = tuple(m.key for m in CATALOGUE if m.leaderboard)
# Per-type families and the macro average reported for each.
MACRO_FAMILIES = ("entities.strict", "events.tri_c", "sources.kind")
