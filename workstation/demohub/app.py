"""The demo hub's FastAPI application."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from workstation import __version__
from workstation.demohub import api_auth, api_objects, api_reports, api_studies
from workstation.demohub.accounts import DEMO_USERS
from workstation.demohub.api_deps import HubContext
from workstation.demohub.api_errors import install_error_handlers
from workstation.demohub.api_models import StatusOut
from workstation.demohub.db import HubStore
from workstation.demohub.seed import seed_accounts
from workstation.demohub.sessions import HubKeys
from workstation.demohub.settings import HubSettings

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
        version=__version__,
        description=(
            "Multi-tenant worklist, pre-signed DICOM object URLs and reporting for the reading"
            " workstation. Sign in with /api/v1/auth/login then /api/v1/auth/totp."
        ),
    )
    app.state.hub = HubContext(store=store, settings=settings, keys=keys)
    install_error_handlers(app)
    for router in (
        _health,
        api_auth.router,
        api_studies.router,
        api_reports.router,
        api_objects.router,
    ):
        app.include_router(router)
    return app
