"""``python -m foiparse`` is the ``foiparse`` command."""
from .cli import main

main()
