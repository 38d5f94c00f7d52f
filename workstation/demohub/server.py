"""Run the demo hub: in a background thread of the workstation, or stand-alone from the CLI.

The listening socket is bound before the server thread starts, so port 0 yields a free port
whose number is known at once and nothing races for it. The demo hub speaks plain HTTP and
publishes its passwords, so it only listens on the loopback interface unless explicitly told
otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import uvicorn

from workstation.demohub.accounts import DEMO_USERS
from workstation.demohub.app import create_app
from workstation.demohub.db import HubStore
from workstation.demohub.seed import index_manifest
from workstation.demohub.settings import HubSettings

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
DEFAULT_PORT = 8765
STARTUP_TIMEOUT = 30.0


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("workstation")) / "demohub"


@dataclass
class RunningHub:
    """A hub serving in a daemon thread. ``stop()`` is idempotent; also a context manager."""

    base_url: str
    db_path: Path
    data_dir: Path
    manifest: Path
    store: HubStore
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _sock: socket.socket = field(repr=False)

    @property
    def is_running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the server thread ends (or ``timeout`` passes)."""
        self._thread.join(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        self._sock.close()
        self.store.close()

    def __enter__(self) -> RunningHub:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _bind(host: str, port: int) -> socket.socket:
    """Listening TCP socket. The protocol is given explicitly as IPPROTO_TCP: asyncio only
    switches Nagle's algorithm off (TCP_NODELAY) on accepted sockets whose protocol says TCP,
    and with Nagle on, every response written in two parts waits ~40 ms for a delayed ACK."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def start_in_thread(
    data_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    manifest: Path | None = None,
    settings: HubSettings | None = None,
    progress: Progress | None = None,
    allow_remote: bool = False,
) -> RunningHub:
    """Index the demo data, start serving and return once connections are accepted.

    Without ``manifest`` the demo data set is generated (once, then cached) below
    ``data_dir / "demo-data"``. Re-starting on the same ``data_dir`` keeps reports, study
    status and sessions.
    """
    if not allow_remote and not is_loopback(host):
        raise ValueError(f"refusing to serve the demo hub on non-loopback host {host!r}")
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if manifest is None:
        # Imported here: the generator pulls in heavy dependencies only this path needs.
        from workstation.demohub.datagen import ensure_demo_data

        manifest = ensure_demo_data(data_dir / "demo-data", progress)
    # Bound first: a busy port is reported at once, before the slow account seeding.
    sock = _bind(host, port)
    try:
        store = HubStore.open(data_dir)
    except BaseException:
        sock.close()
        raise
    try:
        index_manifest(store, manifest, progress)
        app = create_app(store, settings)
    except BaseException:
        store.close()
        sock.close()
        raise
    bound_host, bound_port = sock.getsockname()[:2]
    config = uvicorn.Config(
        app,
        host=bound_host,
        port=bound_port,
        log_config=None,
        # Access logs would record object URLs including their signatures.
        access_log=False,
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="demohub", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            store.close()
            raise RuntimeError("demo hub failed to start")
        time.sleep(0.01)
    url_host = f"[{bound_host}]" if ":" in bound_host else bound_host
    hub = RunningHub(
        base_url=f"http://{url_host}:{bound_port}",
        db_path=store.db_path,
        data_dir=data_dir,
        manifest=Path(manifest),
        store=store,
        _server=server,
        _thread=thread,
        _sock=sock,
    )
    log.info("demo hub listening on %s", hub.base_url)
    return hub


def _print_progress(message: str, fraction: float) -> None:
    print(f"\r{message}: {fraction:4.0%}", end="\n" if fraction >= 1 else "", file=sys.stderr)


def _banner(hub: RunningHub) -> str:
    lines = [
        f"Workstation demo hub at {hub.base_url}  (API docs: {hub.base_url}/docs)",
        f"Data: {hub.data_dir}",
        "",
        "Demo accounts (add the otpauth URI to an authenticator app for the 6-digit code):",
    ]
    for user in DEMO_USERS:
        lines += [
            f"  {user.username} / {user.password}   tenants: {', '.join(user.tenants)}",
            f"    {user.otpauth_uri()}",
        ]
    lines += ["", "Press Ctrl-C to stop."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``workstation demohub [--host H] [--port P] [--data DIR] [--allow-remote]
    [--sign-code]``."""
    parser = argparse.ArgumentParser(
        prog="workstation demohub",
        description="Serve the demo PACS/reporting hub with generated demo studies.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (0 = any free)")
    parser.add_argument("--data", type=Path, default=None, help="data directory")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (the demo hub has published passwords)",
    )
    parser.add_argument(
        "--sign-code",
        action="store_true",
        help="final signatures and amendments need the reader's authenticator code",
    )
    args = parser.parse_args(argv)
    if not args.allow_remote and not is_loopback(args.host):
        print(
            f"error: {args.host} is not a loopback address; the demo hub publishes its"
            " passwords, pass --allow-remote to serve it on the network anyway",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        hub = start_in_thread(
            args.data or default_data_dir(),
            host=args.host,
            port=args.port,
            progress=_print_progress,
            allow_remote=args.allow_remote,
            settings=HubSettings(sign_code_required=True) if args.sign_code else None,
        )
    except OSError as exc:
        print(f"error: cannot serve on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(_banner(hub), flush=True)
    try:
        while hub.is_running:
            hub.wait(0.5)
    except KeyboardInterrupt:
        print("\nStopping.", file=sys.stderr)
    finally:
        hub.stop()
    return 0
