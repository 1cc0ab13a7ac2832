"""PySide6's import hook without its source scan (issue 21: start-up and memory).

Once PySide6 is imported, every module imported after it is passed to PySide's ``__feature__``
hook, which reads the module's whole source file (``inspect.getsource``, kept in ``linecache``
for the rest of the session) only to look for the word "PySide6": a module that uses PySide
gets the flag 0 ("no feature"), any other -1 ("ignore"). The flags only matter to a module that
writes ``from __feature__ import snake_case`` (or ``true_property``), which nothing in this app
does. Reading ~150 source files cost the window ~15-20 ms at start (and 30 MB of cached source
over a session). :func:`skip_source_scan` keeps the hook and the flags it sets, decided instead
from what the module has imported (a PySide6 module, class or function among its names); a
module that asks for a feature is still handled by PySide's own ``__feature__`` import.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType

PYSIDE = ("PySide6", "shiboken6")

#: The standard library's folder (that of ``os``): nothing in it imports PySide6.
STANDARD_LIBRARY = os.path.dirname(os.__file__) + os.sep


def uses_pyside(module: ModuleType) -> bool:
    """Whether *module* has imported anything of PySide6 (its flag is then 0, else -1)."""
    if in_standard_library(module):
        return False
    try:
        values = list(vars(module).values())
    except TypeError:  # no namespace: a built-in module, as inspect would have found
        return False
    for value in values:
        name = value.__name__ if isinstance(value, ModuleType) else _module_of(value)
        if isinstance(name, str) and name.startswith(PYSIDE):
            return True
    return False


def in_standard_library(module: ModuleType) -> bool:
    """Whether *module* is Python's own: built in, or a file of the standard library's folder
    (not of a ``site-packages`` in it). Its namespace is not searched: ``typing``, ``logging``
    or ``pathlib`` have hundreds of names, and are seen again by the hook at their first import
    after PySide's (~2 ms of the window's start, issue 21)."""
    if module.__name__ in sys.builtin_module_names:
        return True
    path = getattr(module, "__file__", None)
    return (
        isinstance(path, str)
        and path.startswith(STANDARD_LIBRARY)
        and "site-packages" not in path
        and "dist-packages" not in path
    )


def _module_of(value: object) -> object:
    try:
        return getattr(value, "__module__", None)
    except Exception:  # an object whose attributes are computed may refuse: not PySide's
        return None


def skip_source_scan() -> bool:
    """Swap the hook's source scan for :func:`uses_pyside`; ``True`` if it was there to swap
    (another PySide6 version without it is left as it is)."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (PySide's own module)
    return True
