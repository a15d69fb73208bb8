"""The PDF cache: a PDF is kept only when its page, its images and WeasyPrint are unchanged."""

from __future__ import annotations

from sphinx_protocols.pdf import cache


def test_the_key_changes_with_the_page_its_images_and_the_engine(tmp_path) -> None:
    (tmp_path / "_images").mkdir()
    image = tmp_path / "_images" / "d.svg"
    image.write_text("<svg/>")
    page = tmp_path / "proto" / "index.html"
    page.parent.mkdir()
    page.write_text('<img src="../_images/d.svg"> text')
    first = cache.key(page, tmp_path, "weasyprint 70")
    assert cache.key(page, tmp_path, "weasyprint 70") == first
    assert cache.key(page, tmp_path, "weasyprint 71") != first
    image.write_text("<svg><g/></svg>")
    second = cache.key(page, tmp_path, "weasyprint 70")
    assert second != first
    page.write_text('<img src="../_images/d.svg"> other text')
    assert cache.key(page, tmp_path, "weasyprint 70") not in (first, second)


def test_the_cache_file_reads_back_and_survives_damage(tmp_path) -> None:
    cache.save(tmp_path, {"proto": {"key": "abc", "pages": 3}})
    assert cache.load(tmp_path) == {"proto": {"key": "abc", "pages": 3}}
    (tmp_path / cache.CACHE_FILE).write_text("{not json")
    assert cache.load(tmp_path) == {}
