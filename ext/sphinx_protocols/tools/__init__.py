"""The only modules that run other programs: git, Graphviz dot and the browser."""
