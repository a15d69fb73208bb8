"""Pure logic: the vocabulary, the model, the rules and the data of every view. No Sphinx, docutils
or subprocess."""
