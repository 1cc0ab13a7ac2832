"""The bundle's entry point: the same as ``lscp-desktop`` or ``python -m lscp_desktop``."""

from lscp_desktop.launcher import main

raise SystemExit(main())
