"""Each demo study, as the demo hub describes it, gets its protocol and a full first stage
(series lists only: the pixel side is tested in tests/ui/test_hanging_viewer.py)."""

from __future__ import annotations

import pytest
from test_hub_dataset import FakeClock, fast_settings, sign_in

from workstation.core.hanging.facts import SeriesFacts, study_facts
from workstation.core.hanging.library import load_protocols
from workstation.core.hanging.matching import best_protocol, plan_stage
from workstation.demohub.accounts import DEMO_READER
from workstation.demohub.datagen import study
from workstation.demohub.server import start_in_thread
from workstation.hub.client import HubClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, demo_manifest):
    clock = FakeClock()
    hub = start_in_thread(tmp_path_factory.mktemp("hub"), port=0, manifest=demo_manifest,
                          settings=fast_settings(clock))
    c = HubClient(hub.base_url)
    sign_in(c, DEMO_READER, clock)
    yield c
    c.close()
    hub.stop()


@pytest.mark.parametrize(("key", "protocol_id", "first_stage"), [
    ("study-01", "ct-chest-prior", ["Aks 1.25mm Standart", "Aks 5mm Düşük Doz"] * 2),
    ("study-02", "ct-chest", ["Aks 5mm Düşük Doz"] * 2),  # the priors, opened on their own
    ("study-03", "mr-brain", ["Aks T1 SE", "Aks T2 TSE", "Aks FLAIR", None]),
    ("study-04", "mr-brain", [None, "Aks T2 TSE", None, None]),
    ("study-05", "mg-screening", ["Tarama 4 poz"] * 4),
    ("study-06", "mg-screening", ["Tarama 4 poz"] * 4),
    ("study-07", "ct-chest", ["Aks 2.5mm Akciğer"] * 2),
    ("study-08", "ct-chest", ["Aks 5mm BTPA"] * 2),
])
def test_demo_study_hangs_by_its_protocol(client, key, protocol_id, first_stage):
    detail = client.study(study(key).study_uid)
    protocols, _ = load_protocols(None)
    protocol = best_protocol(protocols, study_facts(detail))
    assert protocol is not None and protocol.id == protocol_id
    names = {s.series_uid: s.description for s in detail.series}
    priors = {}
    by_recency = sorted(detail.priors, key=lambda p: p.study_datetime, reverse=True)
    for n, item in enumerate(by_recency, start=1):
        series = client.study(item.study_uid).series
        priors[n] = [SeriesFacts.of(s) for s in series]
        names.update({s.series_uid: s.description for s in series})
    plan = plan_stage(protocol.stages[0], [SeriesFacts.of(s) for s in detail.series], priors)
    assert [names.get(a.series_uid) for a in plan] == first_stage
