"""The package's version, importable without Sphinx (the PDF metadata and `--version` print it)."""

__version__ = "0.1.0"
