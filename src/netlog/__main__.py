"""Allow ``python -m netlog``."""

from netlog.cli import main

main()
