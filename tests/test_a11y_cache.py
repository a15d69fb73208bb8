"""The browser check keeps the results of pages unchanged since the last check, and only those."""

from __future__ import annotations

from pathlib import Path

from sphinx_protocols.tools import a11y_cache
from sphinx_protocols.tools.a11y import PageResult


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "html"
    (site / "_static").mkdir(parents=True)
    (site / "_static" / "site.css").write_text("body { color: black }")
    (site / "searchindex.js").write_text("Search.setIndex({})")
    for name in ("index.html", "a.html"):
        (site / name).write_text(f"<p>{name}</p>")
    return site


def test_unchanged_pages_keep_their_result_and_changed_ones_do_not(tmp_path) -> None:
    site = _site(tmp_path)
    key = a11y_cache.shared_key(site, "axe 4.14.1", 1280)
    cache = a11y_cache.load(tmp_path / "cache.json", key)
    assert cache.pages == {}
    found = [PageResult("index.html", [], [{"id": "region"}]), PageResult("a.html")]
    a11y_cache.save(cache, site, found)
    again = a11y_cache.load(tmp_path / "cache.json", key)
    assert a11y_cache.unchanged(again, site, "index.html")["advice"] == [{"id": "region"}]
    (site / "a.html").write_text("<p>a, changed</p>")
    assert a11y_cache.unchanged(again, site, "a.html") is None
    assert a11y_cache.unchanged(again, site, "new.html") is None


def test_a_changed_style_sheet_width_or_axe_starts_afresh_but_the_search_index_does_not(
    tmp_path,
) -> None:
    site = _site(tmp_path)
    key = a11y_cache.shared_key(site, "axe 4.14.1", 1280)
    (site / "searchindex.js").write_text("Search.setIndex({'new': 1})")  # any text edit
    assert a11y_cache.shared_key(site, "axe 4.14.1", 1280) == key
    assert a11y_cache.shared_key(site, "axe 4.14.1", 390) != key
    assert a11y_cache.shared_key(site, "axe 4.15.0", 1280) != key
    (site / "_static" / "site.css").write_text("body { color: grey }")
    assert a11y_cache.shared_key(site, "axe 4.14.1", 1280) != key
    a11y_cache.save(a11y_cache.Cache(tmp_path / "c.json", key), site, [PageResult("a.html")])
    assert a11y_cache.load(tmp_path / "c.json", "another key").pages == {}
    (tmp_path / "c.json").write_text("not json")
    assert a11y_cache.load(tmp_path / "c.json", key).pages == {}
