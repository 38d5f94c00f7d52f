"""The protocols on offer: the shipped ones and those the reader saved.

Shipped protocols live in ``resources/hanging_protocols/`` (schema
``resources/schemas/hanging_protocol.schema.json``); a broken shipped file is an error of
the product and raises. The reader's own protocols live in a folder of their
configuration; a broken one there is skipped and reported, never fatal. A reader's
protocol with the id of a shipped one replaces it.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from workstation.core.hanging.model import Protocol, parse_protocol
from workstation.core.resource_files import ResourceError, load_json, resource_path

log = logging.getLogger(__name__)

SHIPPED_FOLDER = "hanging_protocols"


def load_folder(folder: Path, *, user: bool) -> tuple[list[Protocol], list[str]]:
    """Protocols of every ``*.json`` in ``folder`` (sorted by name), and the problems of
    the files that could not be read (user folders only; shipped files raise)."""
    protocols, problems = [], []
    if not folder.is_dir():
        return protocols, problems
    for path in sorted(folder.glob("*.json")):
        try:
            protocols.append(parse_protocol(load_json(path), user=user, source=str(path)))
        except ResourceError as exc:
            if not user:
                raise ResourceError(f"{path.name}: {exc}") from exc
            log.warning("hanging protocol skipped: %s", exc)
            problems.append(f"{path.name}: {exc}")
    return protocols, problems


def load_protocols(user_folder: Path | None = None) -> tuple[list[Protocol], list[str]]:
    """Shipped protocols, then the reader's (replacing shipped ones of the same id)."""
    shipped, _ = load_folder(resource_path(SHIPPED_FOLDER), user=False)
    mine, problems = (load_folder(user_folder, user=True) if user_folder is not None
                      else ([], []))
    ids = {p.id for p in mine}
    return [p for p in shipped if p.id not in ids] + mine, problems


def slug(name: str) -> str:
    """File-name-safe id from a protocol name ("CT chest — mine" -> "ct-chest-mine")."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:60] or "protocol"


def save_protocol(protocol: Protocol, folder: Path) -> Path:
    """Write ``protocol`` as ``<id>.json`` in ``folder`` (created), in the shipped schema.
    Written to a temporary name first, then renamed, so a full disk never leaves half a
    file behind."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug(protocol.id)}.json"
    text = json.dumps(protocol.to_dict(), indent=2, ensure_ascii=False) + "\n"
    parse_protocol(json.loads(text))  # what is written must load back
    partial = path.with_suffix(".json.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path
