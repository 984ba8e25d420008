"""``python -m diagnostic``: the same command line as the ``diagnostic`` script."""

from diagnostic.cli import main

raise SystemExit(main())
