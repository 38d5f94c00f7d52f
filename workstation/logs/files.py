"""Rotating log files in the user's log folder, every line passed through the redactor.

Files rotate at a fixed size with a few backups, so a workstation left running for weeks
never fills its disk; the folder comes from platformdirs (``~/.local/state/.../log`` on
Linux, ``%LOCALAPPDATA%\\...\\Logs`` on Windows, ``~/Library/Logs`` on macOS).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from workstation.logs.redaction import RedactingFilter

APP_NAME = "workstation"
LOG_FILE = "workstation.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_HANDLER_NAME = "workstation-file"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def configure_file_logging(
    log_dir: Path | None = None,
    *,
    level: int = logging.INFO,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> Path:
    """Log to ``<log_dir>/workstation.log`` (rotating) and redact every handler of the root
    logger. Calling it again replaces the earlier file handler. Returns the file's path."""
    folder = Path(log_dir) if log_dir is not None else default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    if root.level > level:
        # Keep the console as quiet as it was while the file gets more detail.
        for existing in root.handlers:
            if existing.level == logging.NOTSET:
                existing.setLevel(root.level)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=False
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    redact_handlers(root)
    return path


def redact_handlers(logger: logging.Logger) -> None:
    """Attach the redaction filter to each handler of ``logger`` that lacks one."""
    for handler in logger.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


def remove_file_logging() -> None:
    """Close and detach the file handler (tests, and before deleting the folder)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
