extensions = ["sphinx_protocols"]
