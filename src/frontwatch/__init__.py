"""frontwatch: screen counterparties against sanctions and export-control lists.

``frontwatch.screen(name, ...)`` and ``frontwatch.compare(a, b)`` are the
Python entry points; they are imported on first use so that ``import
frontwatch`` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["compare", "screen", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("screen", "compare"):
        from frontwatch import screening

        return getattr(screening, name)
    raise AttributeError(f"module 'frontwatch' has no attribute {name!r}")
