"""`python -m engine.cli`: the same as the `entente` command."""

from .app import main

main()
