"""A package's public names imported from their modules when first asked for (PEP 562).

``nkterm.corpus`` and ``nkterm.bookmarks`` re-export names whose modules are costly to import
(reading files, YAML, the bookmark store); a caller that needs only a light part must not pay
for the rest. ``lazy_exports`` makes the package's module ``__getattr__``: a name of the
package's ``__all__`` is imported from its module on first use and kept in the package.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, sources: Mapping[str, str], default: str) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: each name of its ``__all__`` comes from the module
    ``sources`` names for it (full module names), else from ``default``."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        if name not in namespace["__all__"]:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(sources.get(name, default)), name)
        namespace[name] = value
        return value

    return __getattr__
