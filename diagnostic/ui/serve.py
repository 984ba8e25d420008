"""Start the app's server: ``python -m diagnostic.ui.serve [streamlit run options]``.

The same as ``streamlit run app.py`` from the project folder, except that Streamlit's address
look-ups are neutralised before the server accepts its first connection (see
:mod:`diagnostic.ui.offline`). ``make run`` and the documented systemd unit use it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from diagnostic.ui import offline

# Relative, like `make run`: Streamlit reads .streamlit/config.toml from the working directory,
# so the server must start in the project folder anyway.
APP = "app.py"


def main(argv: Sequence[str] | None = None) -> None:
    if not offline.no_address_lookups():
        print("warning: Streamlit's address look-ups could not be neutralised", file=sys.stderr)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", APP, *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
