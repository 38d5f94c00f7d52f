"""The demo hub's FastAPI application."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from workstation.demohub import (
    api_audit,
    api_auth,
    api_claims,
    api_critical,
    api_objects,
    api_reports,
    api_studies,
)
from workstation.demohub.accounts import DEMO_USERS
from workstation.demohub.api_deps import HubContext
from workstation.demohub.api_errors import document_unparseable_bodies, install_error_handlers
from workstation.demohub.api_models import StatusOut
from workstation.demohub.db import HubStore
from workstation.demohub.seed import seed_accounts
from workstation.demohub.sessions import HubKeys
from workstation.demohub.settings import HubSettings

# The version of the contract (info.version in /openapi.json), not of the application: it
# changes when the API does, so the committed schema is not invalidated by every release.
API_VERSION = "1.1.0"

_health = APIRouter(prefix="/api/v1", tags=["health"])


@_health.get("/health", response_model=StatusOut)
def health() -> dict:
    return {"status": "ok"}


def create_app(store: HubStore | Path, settings: HubSettings | None = None) -> FastAPI:
    """Build the hub around ``store`` (or the data directory holding its database).

    The demo accounts are created or updated here, so a fresh data directory can be used at
    once; studies come from :func:`workstation.demohub.seed.index_manifest`.
    """
    settings = settings or HubSettings()
    if not isinstance(store, HubStore):
        store = HubStore.open(Path(store))
    seed_accounts(store, DEMO_USERS, settings.bcrypt_rounds)
    keys = HubKeys(jwt=store.server_key("jwt-hs256"), url=store.server_key("url-hmac-sha256"))

    app = FastAPI(
        title="Workstation Demo Hub",
        version=API_VERSION,
        description=(
            "Multi-tenant worklist, reading locks, pre-signed DICOM object URLs, versioned"
            " reports, critical-result communication and a hash-chained audit trail for the"
            " reading workstation. Sign in with /api/v1/auth/login then /api/v1/auth/totp;"
            " every failure is a JSON object with a machine-readable `error` code."
        ),
    )
    app.state.hub = HubContext(store=store, settings=settings, keys=keys)
    install_error_handlers(app)
    for router in (
        _health,
        api_auth.router,
        api_studies.router,
        api_claims.router,
        api_reports.router,
        api_critical.router,
        api_audit.router,
        api_objects.router,
    ):
        app.include_router(router)
    document_unparseable_bodies(app)
    return app
