"""`python -m engine.cli`: the same as the `entente` command."""

from . import main

main()
