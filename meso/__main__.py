"""`python -m meso ...` is the `meso` command (meso/cli.py)."""

from meso.cli import entry_point

entry_point()
