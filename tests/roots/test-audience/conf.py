extensions = ["sphinx_protocols"]
protocols_partnership = "Test partnership"
