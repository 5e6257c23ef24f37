"""sessionkit: a terminal companion for live coaching sessions (the core, free of any UI)."""

__version__ = "0.1.0"
