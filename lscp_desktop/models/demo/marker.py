"""Whether a database holds the demo partnership: a mark set when the demo is built and read
each time a file is opened, so fictional data is never taken for real."""

from __future__ import annotations

import json

from lscp_desktop.models.store.database import Store

#: The setting that marks a demo file (its value: the size and seed it was built with).
DEMO_SETTING = "demo"


def mark_demo(store: Store, *, size: str, seed: int) -> None:
    store.set_setting(DEMO_SETTING, json.dumps({"size": size, "seed": seed}))


def is_demo(store: Store) -> bool:
    return store.get_setting(DEMO_SETTING) is not None
