"""Which engine fetches an origin: HTTP/2 exactly when a TLS server offers it in ALPN
(RFC 7301), httpx behind a proxy, the HTTP/1.1 engine otherwise."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from workstation.services.object_http import HttpObjectFetcher


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def tls_server(cert: Path, key: Path, protocols: list[str]) -> tuple[int, threading.Thread]:
    """Accepts one TLS connection, negotiates ALPN from ``protocols`` and hangs up."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(protocols)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        with listener:
            conn, _ = listener.accept()
            with context.wrap_socket(conn, server_side=True):
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener.getsockname()[1], thread


@pytest.mark.parametrize(("offered", "expect_h2"), [(["h2", "http/1.1"], True),
                                                    (["http/1.1"], False)])
def test_http2_only_when_the_server_selects_it(tmp_path: Path, offered, expect_h2: bool):
    pytest.importorskip("h2", reason="HTTP/2 needs the h2 package (httpx[http2])")
    cert, key = self_signed(tmp_path)
    port, thread = tls_server(cert, key, offered)
    fetcher = HttpObjectFetcher(verify=str(cert))
    assert fetcher.http2
    assert fetcher._speaks_h2(("https", "127.0.0.1", port)) is expect_h2  # noqa: SLF001
    thread.join(5)
    fetcher.close()


def test_plain_http_never_uses_http2():
    fetcher = HttpObjectFetcher()
    assert fetcher._speaks_h2(("http", "127.0.0.1", 80)) is False  # noqa: SLF001
    fetcher.close()


def test_an_h2_origin_is_fetched_through_httpx(monkeypatch: pytest.MonkeyPatch):
    fetcher = HttpObjectFetcher()
    seen: list[str] = []

    def through_httpx(url: str, received: bytearray, cancel) -> bytearray:
        seen.append(url)
        return bytearray(b"multiplexed")

    monkeypatch.setattr(fetcher, "_speaks_h2", lambda origin: origin[0] == "https")
    monkeypatch.setattr(fetcher, "_fetch_httpx", through_httpx)
    assert fetcher.fetch("https://objects.example/o/1?sig=x", bytearray()) == b"multiplexed"
    assert seen == ["https://objects.example/o/1?sig=x"]
    assert isinstance(fetcher._http, httpx.Client)  # noqa: SLF001
    fetcher.close()


def test_an_origin_behind_a_proxy_goes_through_httpx(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    fetcher = HttpObjectFetcher(http2=False)
    assert fetcher._proxied(("http", "objects.example", 80))  # noqa: SLF001
    assert not fetcher._proxied(("http", "127.0.0.1", 80))  # noqa: SLF001
    assert not fetcher._proxied(("https", "objects.example", 443))  # noqa: SLF001
    fetcher.close()
