"""The officer's name and e-mail for saved versions, kept outside the project (never committed)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass
class Settings:
    name: str = ""
    email: str = ""

    def problems(self) -> list[str]:
        found = []
        if not self.name.strip() or any(c in self.name for c in "<>\n"):
            found.append("Give your name as colleagues know it, for example Jane Doe.")
        if not _EMAIL.match(self.email.strip()):
            found.append("Give your work e-mail address, for example jane.doe@example.org.")
        return found


def settings_path() -> Path:
    """Where the settings live: PROTOCOLS_EDITOR_SETTINGS, else the user's config folder."""
    if explicit := os.environ.get("PROTOCOLS_EDITOR_SETTINGS"):
        return Path(explicit)
    base = os.environ.get("APPDATA") if os.name == "nt" else os.environ.get("XDG_CONFIG_HOME")
    return Path(base or Path.home() / ".config") / "sphinx-protocols" / "editor.json"


def load(path: Path) -> Settings:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    return Settings(str(data.get("name", "")), str(data.get("email", "")))


def save(path: Path, settings: Settings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
