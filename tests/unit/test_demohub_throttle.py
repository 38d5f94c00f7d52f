"""Growing delays and lockout after failed sign-in attempts."""

from __future__ import annotations

from pathlib import Path

from workstation.demohub import throttle
from workstation.demohub.db import HubStore
from workstation.demohub.settings import HubSettings

SETTINGS = HubSettings(
    throttle_after=2, throttle_base_delay=1.0, throttle_max_delay=3.0, lockout_after=5,
    lockout_seconds=100,
)  # fmt: skip


def test_delays_double_up_to_the_cap_then_lock(tmp_path: Path) -> None:
    store = HubStore.open(tmp_path)
    now = 1000.0
    waits = []
    with store.tx() as conn:
        assert throttle.check(conn, "u", now) is None
        for _ in range(4):
            throttle.record_failure(conn, "u", now, SETTINGS)
            refusal = throttle.check(conn, "u", now)
            waits.append(refusal.retry_after if refusal else 0)
            now += 10
        assert waits == [0, 1, 2, 3]  # 1, 2, then capped at 3 (4 would be next)
        assert throttle.record_failure(conn, "u", now, SETTINGS) == 5
        assert throttle.check(conn, "u", now) == throttle.Refusal("locked", 100)
        assert throttle.check(conn, "u", now + 99.5) == throttle.Refusal("locked", 1)
        assert throttle.check(conn, "other", now) is None
        # After the lock runs out counting starts afresh.
        assert throttle.check(conn, "u", now + 100) is None
        assert throttle.record_failure(conn, "u", now + 100, SETTINGS) == 1


def test_success_clears_the_count(tmp_path: Path) -> None:
    store = HubStore.open(tmp_path)
    with store.tx() as conn:
        for _ in range(3):
            throttle.record_failure(conn, "u", 0.0, SETTINGS)
        throttle.clear(conn, "u")
        assert throttle.check(conn, "u", 0.0) is None
        assert throttle.record_failure(conn, "u", 0.0, SETTINGS) == 1
