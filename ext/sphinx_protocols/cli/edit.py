"""`protocols edit`: the local web editor, on this computer only, opened in the browser."""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import webbrowser
from pathlib import Path

from sphinx_protocols.cli.project import no_conf

COMMANDS = ("edit",)
HOST = "127.0.0.1"  # loopback only: the editor is never reachable from another computer


def add_parser(commands: argparse._SubParsersAction) -> None:
    edit = commands.add_parser(
        "edit", help="edit, preview and save the protocols in your web browser"
    )
    edit.add_argument(
        "project",
        nargs="?",
        default="protocols",
        type=Path,
        help="the folder holding conf.py (default: protocols)",
    )
    edit.add_argument("--port", type=int, default=0, help="the port to use (default: a free one)")
    edit.add_argument(
        "--no-browser", action="store_true", help="do not open the browser (print the address)"
    )
    edit.add_argument(
        "--no-preview", action="store_true", help="do not rebuild the site preview after saves"
    )
    edit.add_argument(
        "--preview-dir",
        type=Path,
        default=Path("_build/editor-preview"),
        help="where the preview is built (default: _build/editor-preview)",
    )


def free_port(port: int = 0) -> int | None:
    """``port`` if nothing uses it (any free one for 0), else None."""
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return None
        return probe.getsockname()[1]


def run(args: argparse.Namespace) -> int:
    hint = "Give the folder of a protocols project (the one `make html` builds is 'protocols')."
    if problem := no_conf(args.project, hint):
        print(f"protocols: {problem}", file=sys.stderr)
        return 2
    try:
        import uvicorn

        from sphinx_protocols.editor.app import create_app
    except ImportError:
        print(
            "protocols: the editor is not installed. Install it with: "
            'python -m pip install "sphinx-protocols[edit]"',
            file=sys.stderr,
        )
        return 2
    port = free_port(args.port)
    if port is None:
        print(
            f"protocols: port {args.port} is in use. If the editor is already running, open "
            f"http://{HOST}:{args.port}/ in your browser; otherwise start it with another --port.",
            file=sys.stderr,
        )
        return 2
    url = f"http://{HOST}:{port}/"
    app = create_app(
        args.project,
        preview_dir=None if args.no_preview else args.preview_dir.resolve(),
        editor_url=url,
    )
    print(f"The protocol editor is at {url}  (press Ctrl+C here to stop it)")
    if not args.no_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    uvicorn.run(app, host=HOST, port=port, log_level="warning")
    return 0
