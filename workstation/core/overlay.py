"""Corner overlay text for a viewport, computed from the series header and view state."""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.stack import SeriesHeader
from workstation.core.window import Window


@dataclass(frozen=True, slots=True)
class CornerText:
    top_left: str
    top_right: str
    bottom_left: str
    bottom_right: str


def corner_text(
    header: SeriesHeader,
    slice_index: int,
    slice_count: int,
    window: Window,
    zoom: float,
    show_phi: bool = True,
) -> CornerText:
    """Patient top-left, study top-right, series/slice bottom-left, W/L bottom-right.

    With ``show_phi`` off (a screen shared for teaching or a second opinion), everything
    that identifies the patient or the visit goes: name, ID, sex, age, and also the
    institution and the study date, which PS3.15 Table E.1-1 treats as identifying too.
    """
    if show_phi:
        who = [header.patient_name.replace("^", " ").strip(), header.patient_id]
        sex_age = " ".join(p for p in (header.patient_sex, header.patient_age) if p)
        if sex_age:
            who.append(sex_age)
    else:
        who = []
    if show_phi:
        study = [header.institution, header.study_description, _fmt_date(header.study_date)]
    else:
        study = [header.study_description]
    series = []
    if header.series_number is not None or header.series_description:
        num = f"Se {header.series_number}" if header.series_number is not None else "Se"
        series.append(f"{num}  {header.series_description}".rstrip())
    series.append(f"Im {slice_index + 1}/{slice_count}")
    wl = [f"W {window.width:.0f}  L {window.center:.0f}", f"Zoom {zoom:.2f}"]
    if header.lossy:
        wl.append("LOSSY")
    return CornerText(
        "\n".join(p for p in who if p),
        "\n".join(p for p in study if p),
        "\n".join(series),
        "\n".join(wl),
    )


def _fmt_date(da: str) -> str:
    if len(da) == 8 and da.isdigit():
        return f"{da[6:8]}.{da[4:6]}.{da[0:4]}"
    return da
