"""`python -m cellstack`: the same as the `cellstack` command."""

import sys

from cellstack.cli import main

sys.exit(main())
