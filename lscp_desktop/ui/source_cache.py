"""PySide6's import hook, without the source cache it leaves behind.

PySide6 (``shibokensupport.feature``) looks at every module imported after it for the text
"PySide6", to know whether its ``__feature__`` switches apply there. It reads the module with
``inspect.getsource``, and ``inspect`` keeps every line it read in ``linecache`` for good: some
34 MB in a session that has imported the app's libraries. :func:`lighten` makes the same test
read the module's file directly, keeping nothing; a module with no source file on disk (built
in, compiled, inside the bundle's archive) is still asked the original way.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType


def lighten() -> None:
    """Replace PySide6's test (once), and drop the lines it has cached so far."""
    import PySide6  # noqa: F401 - loads the import hook

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "lighter", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.lighter = True  # type: ignore[attr-defined]  # marks it as ours
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]  # the hook's lookup
    linecache.clearcache()
