"""tinyfmt: plain-text tables."""
from tinyfmt.table import render

__all__ = ["render"]
__version__ = "0.3.1"
