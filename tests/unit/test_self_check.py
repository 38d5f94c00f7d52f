"""``workstation self-check`` in the development tree: every check passes, and a broken
decoder is reported as a failure (the check can fail)."""

from __future__ import annotations

import numpy as np

from workstation.commands import self_check


def test_all_checks_pass_here() -> None:
    checks = self_check.run_checks()
    assert {c.name for c in checks} >= {"codec RLE Lossless", "render"}
    assert all(c.ok for c in checks), [c for c in checks if not c.ok]


def test_a_decoder_returning_wrong_values_fails(monkeypatch) -> None:
    from workstation.dicom import decoders

    real = decoders.decode_frames
    monkeypatch.setattr(decoders, "decode_frames", lambda ds: np.asarray(real(ds)) + 1)
    checks = self_check.check_codecs()
    assert not any(c.ok for c in checks if "no encoder" not in c.detail)
    assert self_check.main([]) == 1
