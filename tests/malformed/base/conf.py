extensions = ["sphinx_protocols"]
protocols_partnership = "Corpus partnership"
