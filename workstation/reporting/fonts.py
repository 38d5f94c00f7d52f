"""A Unicode TrueType font for report PDFs, so Turkish letters (ç ğ ı İ ö ş ü) print.

The standard PDF fonts (Helvetica and friends) cover Latin-1 only and have no ğ, ı, İ or
ş. DejaVu Sans covers them and its licence (Bitstream Vera, changes public domain) permits
redistribution: the workstation ships it in ``resources/fonts/`` with its licence; system
copies are a fallback for source checkouts without it. The font is embedded (subset) in
every PDF, so the reader's machine needs nothing installed.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workstation.core.resource_files import resource_path

REGULAR = "ReportSans"
BOLD = "ReportSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


class FontNotFoundError(RuntimeError):
    """No Unicode font was found; a PDF without one would drop Turkish letters."""


def find_font(file_name: str) -> Path:
    """The shipped copy first, then the usual system folders."""
    for folder in (resource_path("fonts"), *_SYSTEM_DIRS):
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    raise FontNotFoundError(f"{file_name} not found in resources/fonts or the system fonts")


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab once; returns their names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(find_font(file_name))))
    return REGULAR, BOLD
