"""The sphinx-protocols user guide."""

project = "sphinx-protocols"
author = "sphinx-protocols contributors"
extensions = ["myst_parser", "sphinx_protocols.sphinxext.reference"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
html_title = "sphinx-protocols guide"
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
html_static_path = ["_static"]
