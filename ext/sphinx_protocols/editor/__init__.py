"""`protocols edit`: a local web editor for policy officers (source round trip, forms, app, versions)."""
