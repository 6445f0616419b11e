"""accord's version, in a module of its own so any part of the package can import it."""

__version__ = "0.1.0"
