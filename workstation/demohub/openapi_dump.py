"""Write the demo hub's OpenAPI document to the file committed in the repository.

``python -m workstation.demohub.openapi_dump`` regenerates ``workstation/demohub/openapi.json``
after an intended API change; tests/contracts/test_openapi_committed.py fails while the served
document and the committed one differ, so every contract change shows up in review.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from workstation.demohub.app import create_app
from workstation.demohub.db import HubStore
from workstation.demohub.settings import HubSettings

COMMITTED = Path(__file__).with_name("openapi.json")


def served_schema() -> dict[str, Any]:
    """The document the hub serves at /openapi.json (built on a throw-away database)."""
    with tempfile.TemporaryDirectory(prefix="openapi-") as tmp:
        store = HubStore.open(Path(tmp))
        try:
            return create_app(store, HubSettings(bcrypt_rounds=4)).openapi()
        finally:
            store.close()


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else COMMITTED
    target.write_text(render(served_schema()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
