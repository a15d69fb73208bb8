"""`protocols edit`: a local web editor for policy officers.

source (round trip), forms (from the vocabulary), project (files, checks, saves), app (pages),
security, preview (background rebuild), versions (git) and settings (name and e-mail).
"""
