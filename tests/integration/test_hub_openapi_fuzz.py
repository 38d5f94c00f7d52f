"""A bounded schemathesis run against the demo hub's own OpenAPI document, over a real
loopback socket, signed in with a real token: whatever the generated request (valid or not),
the hub never answers 5xx, and every answer matches the status codes, media types and body
schemas the document promises.

Bounded and reproducible: a few examples per operation, derandomised, with a per-example
deadline, so the whole run takes seconds.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_hub_dataset import FakeClock, bearer, raw_sign_in, start_live_hub

from workstation.demohub.accounts import DEMO_HOSPITAL_ADMIN, DEMO_READER, DEMO_REFERRING
from workstation.demohub.openapi_dump import COMMITTED

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The committed contract (equal to the served one, see tests/contracts/test_openapi_committed).
SCHEMA = schemathesis.openapi.from_path(str(COMMITTED))
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture(scope="module")
def live_hub(tmp_path_factory: pytest.TempPathFactory):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path_factory.mktemp("fuzz"), clock)
    with httpx.Client(base_url=hub.base_url) as http:
        headers = {user.role: bearer(raw_sign_in(http, user, clock))
                   for user in (DEMO_READER, DEMO_HOSPITAL_ADMIN, DEMO_REFERRING)}  # fmt: skip
    yield hub, demo, headers
    hub.stop()


def _caller(operation) -> str:
    """The role whose token the generated requests carry: one that holds the operation's
    permission, so the requests get past the role gate into the handler (a radiologist
    would only ever get 403 from the audit read-out and the acknowledgement)."""
    if operation.method.upper() == "GET" and operation.path.startswith("/api/v1/audit"):
        return "hospital_admin"
    if operation.path.endswith("/acknowledge"):
        return "referring_physician"
    return "radiologist"


def _cases(operation) -> st.SearchStrategy:
    """Valid and invalid requests (schemathesis' positive and negative modes)."""
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_server_errors_and_answers_match_the_contract(operation, live_hub) -> None:
    hub, demo, headers = live_hub
    # Signing out with the shared token would end the session the other cases use.
    auth = {} if operation.path == "/api/v1/auth/logout" else headers[_caller(operation)]

    @given(case=_cases(operation))
    @settings(
        max_examples=15,
        deadline=2000,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def exercise(case) -> None:
        study_uid = (case.path_parameters or {}).get("study_uid")
        if isinstance(study_uid, str) and len(study_uid) % 4 != 0:
            # Most generated studies are made real ones, so the handlers behind the tenant
            # check get random bodies too (deterministic: Hypothesis must be able to replay).
            case.path_parameters["study_uid"] = demo.uids["ankara_stat"]
        case.call_and_validate(base_url=hub.base_url, headers=auth, checks=CHECKS)

    exercise()
