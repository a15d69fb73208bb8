"""The locked-down URL fetcher WeasyPrint renders with: files inside one folder, and ``data:`` URLs.

The rules are in urls.py; this is the part that needs WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .urls import inside


class BuildDirFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads files inside one folder and nothing else."""

    def __init__(self, root: Path, **kwargs: object) -> None:
        super().__init__(
            allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True, **kwargs
        )
        self.root = Path(root).resolve()
        self.blocked: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        if inside(url, self.root):
            return super().fetch(
                url, headers
            )  # a missing file inside fails as WeasyPrint reports it
        self.blocked.append(url)
        raise FatalURLFetchingError(f"blocked URL outside the build folder: {url}")
