"""One network of the loaded lists and documents: resolution, exposure paths, red flags.

    >>> from frontwatch.graph import load_network, paths
    >>> net = load_network(Store())
    >>> for p in paths(net, "Raybeam Optronics"): ...

See docs/graph.md for the rules of resolution, the analysts' judgements
(:mod:`frontwatch.graph.judge`), the edge strengths and the exposure score.
"""

from __future__ import annotations

from frontwatch.graph.build import Network, build_network, load_network, store_key
from frontwatch.graph.query import (
    TRANSSHIPMENT_HUBS,
    Flag,
    GraphQueryError,
    Path,
    exposure,
    flags,
    neighbors,
    path_as_dict,
    paths,
    paths_from_attributes,
)

__all__ = [
    "TRANSSHIPMENT_HUBS",
    "Flag",
    "GraphQueryError",
    "Network",
    "Path",
    "build_network",
    "exposure",
    "flags",
    "load_network",
    "neighbors",
    "path_as_dict",
    "paths",
    "paths_from_attributes",
    "store_key",
]
