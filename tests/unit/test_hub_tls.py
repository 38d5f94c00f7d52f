"""TLS towards the hub: never unverified, custom CA bundle, SPKI SHA-256 pin checked on a
real loopback TLS server with a self-signed certificate."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import re
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from workstation.hub.client import HubClient
from workstation.hub.errors import HubUnreachable
from workstation.hub.tls import PIN_MISMATCH, CertificatePinError, normalise_pin, spki_sha256

ROOT = Path(__file__).resolve().parents[2]


def _self_signed(folder: Path) -> tuple[Path, Path, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "hub.pem", folder / "hub.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path, cert.public_bytes(serialization.Encoding.DER)


class _Handler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_POST(self) -> None:
        type(self).requests.append(self.path)
        body = b'{"mfa_token": "m", "expires_in": 300}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def tls_hub(tmp_path):
    with serve_tls(tmp_path) as served:
        yield served


@contextlib.contextmanager
def serve_tls(tmp_path):
    """A loopback HTTPS server with a fresh self-signed certificate: (url, pem, der)."""
    cert, key, der = _self_signed(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.requests = []
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert, der
    finally:
        server.shutdown()
        server.server_close()


def test_untrusted_certificate_is_refused_without_a_ca_bundle(tls_hub):
    url, _cert, _der = tls_hub
    with HubClient(url) as client, pytest.raises(HubUnreachable):
        client.login("dr.demo", "pw")
    assert _Handler.requests == []


def test_ca_bundle_and_right_pin_pass(tls_hub):
    url, cert, der = tls_hub
    pin = spki_sha256(der)
    with HubClient(url, verify=str(cert)) as client:
        assert client.login("dr.demo", "pw").mfa_token == "m"
    with HubClient(url, verify=str(cert), pin=f"sha256/{pin}") as client:
        assert client.login("dr.demo", "pw").mfa_token == "m"
    assert _Handler.requests == ["/api/v1/auth/login"] * 2


def test_wrong_pin_refuses_before_anything_is_sent(tls_hub):
    url, cert, der = tls_hub
    wrong = normalise_pin("00" * 32)
    with HubClient(url, verify=str(cert), pin=wrong) as client:
        with pytest.raises(CertificatePinError) as caught:
            client.login("dr.demo", "pw")
    assert caught.value.code == PIN_MISMATCH
    assert not isinstance(caught.value, HubUnreachable)  # never a reason to go offline
    assert "does not match the pinned key" in caught.value.message
    assert _Handler.requests == []  # the password never left the workstation


def test_pin_formats():
    b64 = normalise_pin("AA" * 32)
    assert normalise_pin(f"sha256/{b64}") == b64 == normalise_pin(b64)
    with pytest.raises(ValueError, match="32 bytes"):
        normalise_pin("abc")


def test_verification_cannot_be_turned_off():
    with pytest.raises(ValueError, match="cannot be turned off"):
        HubClient("https://hub.example", verify=False)


def test_no_code_disables_certificate_verification():
    """Scans the product and its tests: TLS verification is never switched off."""
    forbidden = re.compile(
        r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified_context"
        r"|PYTHONHTTPSVERIFY|verify_mode\s*=\s*ssl\.CERT_OPTIONAL"
    )
    hits = []
    for folder in ("workstation", "tests", "packaging"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.resolve() == Path(__file__).resolve():
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if forbidden.search(line):
                    hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    # The one allowed mention: the hub client test proving verify=False is refused.
    allowed = [h for h in hits if h.startswith("tests/unit/test_hub_client.py")]
    assert [h for h in hits if h not in allowed] == []
