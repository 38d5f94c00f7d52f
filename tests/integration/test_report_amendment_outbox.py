"""Sign and amend through the outbox against a live demo hub: the amendment lands once even
when its answer is lost, and the signed version is kept as SUPERSEDED."""

from __future__ import annotations

from pathlib import Path

import httpx
from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.demohub.accounts import DEMO_READER
from workstation.services.outbox import Backoff, Outbox, OutboxState

KEY = bytes(range(32))


class LoseAmendmentAnswers(httpx.BaseTransport):
    """Forwards every request; the first answer to an amendment is lost on the way back."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.lost = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if request.url.path.endswith("/amendments") and not self.lost:
            response.read()
            self.lost += 1
            raise httpx.ReadTimeout("answer lost", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


def test_amendment_through_the_outbox_lands_once(tmp_path: Path) -> None:
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    transport = LoseAmendmentAnswers()
    try:
        uid = demo.uids["ankara_old"]
        with signed_in(hub.base_url, DEMO_READER, clock, transport=transport) as client:
            outbox = Outbox(EncryptedStore(tmp_path / "cache", KEY).records, client,
                            backoff=Backoff(base=0.001, cap=0.001))
            signed = outbox.enqueue(ReportDraft(uid, "Sol böbrekte taş.", "Nefrolitiazis.",
                                                ReportKind.FINAL))
            assert outbox.flush() == 1
            amendment = outbox.enqueue_amendment(uid, findings="Sağ böbrekte taş.",
                                                 impression="Nefrolitiazis.",
                                                 reason="Taraf düzeltildi")
            assert outbox.flush(force=True) == 0  # answer lost: still pending
            assert amendment.state is OutboxState.PENDING and transport.lost == 1
            assert outbox.flush(force=True) == 1
            versions = client.report_versions(uid)
        assert [(v["version"], v["status"], v["findings"]) for v in versions] == [
            (1, "SUPERSEDED", "Sol böbrekte taş."), (2, "FINAL", "Sağ böbrekte taş.")]
        assert versions[1]["supersedes"] == signed.report_id == versions[0]["report_id"]
        assert versions[1]["report_id"] == amendment.report_id
        assert versions[1]["reason"] == "Taraf düzeltildi"
    finally:
        hub.stop()
