"""The bundled example partnership: five seed protocols restated as typed items."""

project = "Example safeguarding partnership"
author = "Example safeguarding partnership"
extensions = ["sphinx_protocols"]
html_theme = "furo"
html_title = "Example safeguarding partnership"
templates_path = ["_templates"]
exclude_patterns = ["_build", "_templates"]

protocols_partnership = "Example safeguarding partnership"
protocols_accessibility_contact = "the partnership business unit, by email to accessibility@example.org"
