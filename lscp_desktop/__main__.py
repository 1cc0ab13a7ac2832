from lscp_desktop.cli import main

raise SystemExit(main())
