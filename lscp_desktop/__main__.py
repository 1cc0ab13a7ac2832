from lscp_desktop.launcher import main

raise SystemExit(main())
