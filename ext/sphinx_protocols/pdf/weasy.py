"""The one wrapper around WeasyPrint: tagged PDF/UA-1 (its tags completed by ``ua_fix``), the
locked-down fetcher, our own exception.

WeasyPrint and Pango are imported only here, and only when a PDF is made, so the rest of the
extension (and ``make html``) works on a machine without them.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

VARIANT = "pdf/ua-1"
INSTALL_HINT = (
    "Install it with `make pdf` (which installs the 'pdf' extra: pip install -e "
    "'.[pdf]'), and the "
    "Pango library: on Debian or Ubuntu 'sudo apt-get install libpango-1.0-0 "
    "libpangoft2-1.0-0', on "
    "macOS 'brew install pango'. `bash scripts/system-packages.sh` installs it for you."
)


class PdfError(RuntimeError):
    """A PDF could not be made; the message says why in plain English."""

    def __init__(self, message: str, blocked: list[str] | None = None) -> None:
        super().__init__(message)
        self.blocked = blocked or []

    def __reduce__(self) -> tuple:
        # whole, when it comes back from a worker process
        return (PdfError, (str(self), self.blocked))


@dataclass
class Rendered:
    pages: int
    seconds: float
    notes: list[str] = field(
        default_factory=list
    )  # WeasyPrint's warnings (an unsupported CSS rule ...)
    errors: list[str] = field(
        default_factory=list
    )  # its errors (an image inside the build that is missing ...)


def available() -> str:
    """'' when WeasyPrint can be used here, else the reason it cannot."""
    progress = logging.getLogger(
        "weasyprint.progress"
    )  # it announces its default stylesheets on import
    quiet, progress.disabled = progress.disabled, True
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return "WeasyPrint is not installed. " + INSTALL_HINT
    except OSError as err:  # the Pango library is missing
        return f"WeasyPrint cannot load the Pango library ({err}). " + INSTALL_HINT
    finally:
        progress.disabled = quiet
    return ""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_pdf(html: Path, target: Path, root: Path) -> Rendered:
    """Render one HTML file inside ``root`` to a tagged PDF, loading nothing from outside
    ``root``."""
    if reason := available():
        raise PdfError(reason)
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from .fetcher import BuildDirFetcher

    fetcher = BuildDirFetcher(root)
    collect = _Collect()
    weasy_logger = logging.getLogger("weasyprint")
    progress = logging.getLogger(
        "weasyprint.progress"
    )  # 'Step 1 - Fetching ...': not for our users
    weasy_logger.addHandler(collect)
    propagate, weasy_logger.propagate = weasy_logger.propagate, False
    quiet, progress.disabled = progress.disabled, True
    start = time.perf_counter()
    try:
        document = HTML(filename=str(html), url_fetcher=fetcher).render(
            pdf_variant=VARIANT, custom_metadata=True
        )
        document.write_pdf(str(target), pdf_variant=VARIANT, custom_metadata=True)
        from .ua_fix import fix_tags  # pikepdf: only when a PDF is made

        fix_tags(target)  # header scopes, artifacts, link tags: what WeasyPrint leaves out
    except FatalURLFetchingError as err:
        target.unlink(missing_ok=True)
        raise PdfError(str(err), fetcher.blocked) from None
    except Exception as err:  # WeasyPrint raises many kinds; the user needs one plain message
        target.unlink(missing_ok=True)
        raise PdfError(f"WeasyPrint could not make the PDF: {type(err).__name__}: {err}") from err
    finally:
        weasy_logger.removeHandler(collect)
        weasy_logger.propagate = propagate
        progress.disabled = quiet
    if fetcher.blocked:  # SVG drawing swallows the fetcher's error; the PDF is still refused
        target.unlink(missing_ok=True)
        raise PdfError(
            f"blocked URL outside the build folder: {fetcher.blocked[0]}", fetcher.blocked
        )
    notes = [r.getMessage() for r in collect.records if r.levelno < logging.ERROR]
    errors = [r.getMessage() for r in collect.records if r.levelno >= logging.ERROR]
    return Rendered(len(document.pages), time.perf_counter() - start, notes, errors)
