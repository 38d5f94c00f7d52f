"""A reading session longer than the access-token lifetime needs no second sign-in: the
client refreshes silently (rotating refresh tokens) between ordinary calls. Time is faked:
the hub's clock is advanced 60 minutes in steps, with worklist, study, URL and object calls
between the steps, over a real loopback socket."""

from __future__ import annotations

import sqlite3

from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.demohub.accounts import DEMO_READER

ACCESS_TTL = 15 * 60
STEP = 4 * 60  # not a divisor of the token lifetime, so expiry falls between calls


def test_sixty_minutes_of_reading_without_a_login_prompt(tmp_path) -> None:
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock, access_ttl=ACCESS_TTL)
    lost: list[str] = []
    reader = signed_in(hub.base_url, DEMO_READER, clock,
                       on_session_lost=lambda: lost.append("lost"))  # fmt: skip
    started = clock()
    first_refresh = reader.refresh_token
    try:
        uid = demo.uids["ankara_stat"]
        calls = 0
        while clock() - started < 60 * 60:
            clock.advance(STEP)
            assert reader.worklist()[0].study_uid == uid
            assert reader.study(uid).item.study_uid == uid
            urls = reader.instance_urls(uid)
            assert reader.fetch(urls[calls % len(urls)].url)[128:132] == b"DICM"
            reader.claim(uid)  # a reader keeps the lock alive while reading
            calls += 1
        assert calls == 15 and not lost
        assert reader.is_authenticated and reader.refresh_token != first_refresh  # rotated
    finally:
        reader.close()
        hub.stop()
    with sqlite3.connect(hub.db_path) as conn:
        counts = dict(conn.execute(
            "SELECT event, COUNT(*) FROM audit WHERE username = 'dr.demo' AND outcome = 'ok'"
            " AND event IN ('login', 'refresh') GROUP BY event").fetchall())  # fmt: skip
    # One sign-in; a silent refresh each time the access token had run out: at minutes 16,
    # 32 and 48 (each new token lives 15 minutes from its refresh).
    assert counts == {"login": 1, "refresh": 3}
