"""Worklist ordering, stack geometry, overlay text and report rules."""

from datetime import datetime

import numpy as np

from workstation.core.overlay import corner_text
from workstation.core.report import ReportDraft
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.study import Priority, StudyStatus, WorklistItem
from workstation.core.window import Window


def _item(uid: str, prio: Priority, when: datetime) -> WorklistItem:
    return WorklistItem(uid, "A1", "DOE^JOHN", "P1", "M", None, "CT", "Chest", when,
                        "t", "Hospital", prio, StudyStatus.UNREAD)


def test_stat_first_then_oldest():
    items = [
        _item("r-old", Priority.ROUTINE, datetime(2026, 1, 1)),
        _item("s-new", Priority.STAT, datetime(2026, 3, 1)),
        _item("s-old", Priority.STAT, datetime(2026, 2, 1)),
        _item("u", Priority.URGENT, datetime(2025, 1, 1)),
    ]
    assert [i.study_uid for i in sorted(items, key=lambda i: i.sort_key)] == [
        "s-old", "s-new", "u", "r-old"]


def test_slice_spacing_from_positions_not_thickness():
    pos = np.array([[0, 0, 0.0], [0, 0, 1.25], [0, 0, 2.5]])
    st = ImageStack(np.zeros((3, 4, 4), np.int16), positions=pos, slice_thickness=5.0)
    assert st.slice_spacing == 1.25


def test_patient_point_uses_row_and_column_spacing():
    st = ImageStack(np.zeros((1, 4, 4), np.int16), positions=np.array([[10.0, 20.0, 30.0]]),
                    pixel_spacing=(0.5, 0.7))
    # column index moves along the row direction with the column spacing (PS3.3 C.7.6.2.1.1)
    assert np.allclose(st.patient_point(0, row=2, col=3), [10 + 3 * 0.7, 20 + 2 * 0.5, 30])


def test_overlay_hides_phi_on_request():
    h = SeriesHeader(patient_name="YILMAZ^AYŞE", patient_id="TR123", series_number=2,
                     series_description="Axial", study_date="20261122",
                     institution="Ankara Şehir Hastanesi", study_description="CT Chest")
    shown = corner_text(h, 4, 240, Window(40, 400), 1.0)
    hidden = corner_text(h, 4, 240, Window(40, 400), 1.0, show_phi=False)
    assert "YILMAZ AYŞE" in shown.top_left and "TR123" in shown.top_left
    assert hidden.top_left == ""
    assert "Im 5/240" in shown.bottom_left
    assert "W 400  L 40" in shown.bottom_right
    assert "22.11.2026" in shown.top_right and "Ankara Şehir Hastanesi" in shown.top_right
    assert hidden.top_right == "CT Chest"  # no institution, no date


def test_report_requires_findings_and_impression():
    d = ReportDraft("1.2.3")
    assert d.missing_fields() == ["findings", "impression"]
    d.findings, d.impression = "Normal.", "No acute finding."
    assert d.missing_fields() == []
    assert ReportDraft("1.2.3").idempotency_key != d.idempotency_key
