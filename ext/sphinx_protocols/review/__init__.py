"""The annual review: what changed between two versions of the protocols, clause by clause.

- ``snapshot``: an earlier version's items, built once per commit and cached;
- ``diff`` and ``wording``: what changed, item by item, in plain English (pure);
- ``words``: word-by-word changes of a text, as tracked changes (pure);
- ``pack``: the review pack as data (JSON), and its terminal summary (pure);
- ``site``: the ``{review-pack}`` view on the site.
"""
