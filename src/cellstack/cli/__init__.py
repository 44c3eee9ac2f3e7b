"""The `cellstack` command (docs/cli.md): open the app on a FILE, or run one of the commands.

`cellstack.cli:main` is the entry point of the installed command, `python -m cellstack` and the
frozen bundle alike. One module per command; dispatch.py routes and turns every failure into one
line on standard error with the documented exit status.
"""

from cellstack.cli.dispatch import main

__all__ = ["main"]
