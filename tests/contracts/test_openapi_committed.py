"""The hub contract is the committed OpenAPI document: the schema the demo hub serves must be
exactly the one in the repository, so every API change is a reviewed change of that file.

After an intended API change, regenerate it with:

    .venv/bin/python -m workstation.demohub.openapi_dump
"""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import httpx

from workstation.demohub.app import create_app
from workstation.demohub.db import HubStore
from workstation.demohub.openapi_dump import COMMITTED, render, served_schema
from workstation.demohub.settings import HubSettings

REGENERATE = "python -m workstation.demohub.openapi_dump"


def test_served_schema_equals_the_committed_one(tmp_path: Path) -> None:
    store = HubStore.open(tmp_path)
    app = create_app(store, HubSettings(bcrypt_rounds=4))

    async def fetch() -> dict:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
            return (await http.get("/openapi.json")).json()

    try:
        served = anyio.run(fetch)
    finally:
        store.close()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert served == committed, f"hub API changed: review, then run `{REGENERATE}`"
    # Byte for byte as the dump writes it, so regenerating an unchanged API changes nothing.
    assert COMMITTED.read_text(encoding="utf-8") == render(served_schema())


def test_the_contract_documents_errors_and_typed_bodies() -> None:
    spec = json.loads(COMMITTED.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # 422s are documented as the hub's ErrorOut
    assert {"permission", "by", "expires_at"} <= schemas["ErrorOut"]["properties"].keys()
    item = schemas["WorklistItemOut"]["properties"]
    assert {"claimed_by", "claim_expires_at", "open_critical"} <= item.keys()
    assert set(schemas["Permission"]["enum"]) == {
        "see_worklist", "read_images", "write_preliminary", "sign_final", "amend",
        "flag_critical", "acknowledge_critical", "read_audit", "claim",
    }  # fmt: skip
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            ok = [s for s in operation["responses"] if s.startswith("2")]
            assert ok, f"{method} {path} documents no success answer"
            for status, answer in operation["responses"].items():
                if status.startswith("4") and path.startswith("/api/"):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (method, path, status)
