"""Every signed version of a study's report, and what changed between two of them.

Nothing is ever deleted: an amendment files a new version and the hub marks the earlier one
SUPERSEDED. The diff (``difflib``, line by line over findings and impression) shows removed
lines in red with ``-`` and added lines in green with ``+``, so the change is readable
without colour as well.
"""

from __future__ import annotations

import difflib
import html
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

# The hub's words for a version's kind and status, shown in the reader's language.
_VERSION_WORDS = {"PRELIMINARY": "preliminary", "FINAL": "final", "SUPERSEDED": "superseded",
                  "FINDINGS": "FINDINGS", "IMPRESSION": "IMPRESSION"}


def _word(value: object) -> str:
    text = str(value or "")
    return QCoreApplication.translate("VersionHistoryDialog",
                                      _VERSION_WORDS.get(text.upper(), text))


def report_text(version: dict[str, Any]) -> list[str]:
    return [_word("FINDINGS"), *str(version.get("findings", "")).splitlines(), "",
            _word("IMPRESSION"), *str(version.get("impression", "")).splitlines()]


def diff_lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Unified-diff body lines (without the file headers)."""
    out = difflib.unified_diff(report_text(old), report_text(new), lineterm="", n=2)
    return [line for line in out if not line.startswith(("---", "+++"))]


def diff_html(old: dict[str, Any], new: dict[str, Any]) -> str:
    rows = []
    for line in diff_lines(old, new):
        text = html.escape(line)
        if line.startswith("+"):
            rows.append(f'<span style="color:#98c379">{text}</span>')
        elif line.startswith("-"):
            rows.append(f'<span style="color:#e06c75">{text}</span>')
        elif line.startswith("@@"):
            rows.append(f'<span style="color:#7f848e">{text}</span>')
        else:
            rows.append(text)
    return "<pre>" + "\n".join(rows) + "</pre>"


def describe(version: dict[str, Any]) -> str:
    return "v{v} · {kind} · {status} · {author} · {at}".format(
        v=version.get("version", "?"), kind=_word(version.get("kind", "")),
        status=_word(version.get("status", "")), author=version.get("author", ""),
        at=str(version.get("created_at", ""))[:16].replace("T", " "))


class VersionHistoryDialog(QDialog):
    """Two version pickers (default: the previous and the newest) and their diff."""

    def __init__(self, versions: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("version_history")
        self.setWindowTitle(self.tr("Report versions"))
        self.resize(720, 520)
        self.versions = versions
        self.old_box = QComboBox()
        self.old_box.setObjectName("history_old")
        self.new_box = QComboBox()
        self.new_box.setObjectName("history_new")
        self.reason = QLabel()
        self.reason.setObjectName("history_reason")
        self.reason.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setObjectName("history_diff")
        for box in (self.old_box, self.new_box):
            for v in versions:
                box.addItem(describe(v))
        self.new_box.setCurrentIndex(len(versions) - 1)
        self.old_box.setCurrentIndex(max(0, len(versions) - 2))
        for box in (self.old_box, self.new_box):
            box.currentIndexChanged.connect(self._show)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.old_box, 1)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.new_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self._show()

    def _show(self) -> None:
        if not self.versions:
            self.view.setPlainText(self.tr("No signed version yet."))
            return
        old = self.versions[self.old_box.currentIndex()]
        new = self.versions[self.new_box.currentIndex()]
        reason = str(new.get("reason", ""))
        self.reason.setText(self.tr("Amendment reason: %1").replace("%1", reason) if reason
                            else "")
        if old is new:
            self.view.setPlainText("\n".join(report_text(new)))
        else:
            self.view.setHtml(diff_html(old, new))
