"""The Sphinx side: the only modules that register with Sphinx or read its build state."""
