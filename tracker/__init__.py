"""tracker: a keyboard-driven terminal app for tracking small wins."""

__version__ = "0.1.0"
