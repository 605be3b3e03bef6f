"""netlog: a command-line relationship tracker with local storage."""

__version__ = "0.1.0"
