"""`python -m newsdossier …`: the same as the `newsdossier` command."""

from newsdossier.cli import console

console()
