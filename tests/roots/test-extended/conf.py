extensions = ["sphinx_protocols", "sphinx_protocols.sphinxext.reference"]
