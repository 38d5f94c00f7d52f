"""Command line: ``workstation [--hub URL | --demo]``, ``workstation demohub ...``.

Imports are made inside the branches that need them, so ``--version`` and ``--help``
answer at once and never load Qt, VTK or the hub server.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEMOHUB_COMMAND = "demohub"


def build_parser() -> argparse.ArgumentParser:
    from workstation import __version__

    parser = argparse.ArgumentParser(
        prog="workstation",
        description="Radiology reading workstation: worklist, viewer and reporting.",
        epilog=(
            "Commands:\n"
            "  workstation demohub [--host H] [--port P] [--data DIR]\n"
            "      serve the demo hub alone (see 'workstation demohub --help')\n"
            "  workstation inspect PATH... [--json]\n"
            "      list the image stacks of DICOM files/folders with geometry and warnings\n"
            "  workstation render PATH [--series UID] [--slice K] [--window W --level L]"
            " [--size WxH] --out FILE.png\n"
            "      render one slice offscreen through the viewer's pipeline\n"
            "  workstation self-check [--json]\n"
            "      decode and draw a synthetic image offscreen (installation check)\n"
            "  workstation open PATH [--study UID]\n"
            "      open a folder, CD/USB or DICOMDIR in the viewer\n"
            "  workstation anonymize PATH... --profile NAME --out DIR [--zip]\n"
            "      de-identify DICOM files with a PS3.15 profile (--list shows them)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--hub", metavar="URL", help="hub address (default: the last hub signed in to)"
    )
    target.add_argument(
        "--demo",
        action="store_true",
        help="start the built-in demo hub on a free loopback port and use it",
    )
    parser.add_argument(
        "--demo-data",
        metavar="DIR",
        type=Path,
        default=None,
        help="data folder of the demo hub (default: the user data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    parser.add_argument("--version", action="version", version=f"workstation {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == [DEMOHUB_COMMAND]:
        from workstation.demohub.server import main as demohub_main

        return demohub_main(args_list[1:])
    if args_list[:1] == ["open"]:
        from workstation.ui.local_import import run_open

        return run_open(args_list[1:])
    if args_list[:1] in (["inspect"], ["render"], ["self-check"], ["anonymize"]):
        from importlib import import_module

        module = args_list[0].replace("-", "_")
        return int(import_module(f"workstation.commands.{module}").main(args_list[1:]))
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # --help, --version and usage errors end here
        return exc.code if isinstance(exc.code, int) else 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Request lines name study UIDs and signed object URLs: never log them.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from workstation.logs import configure_file_logging

    # Rotating files in the user's log folder; every handler (console too) redacts PHI.
    configure_file_logging(level=logging.INFO)
    if args.demo:
        from workstation.ui.demo_startup import run_demo

        return run_demo(args.demo_data or default_demo_dir(), on_ready=print_demo_credentials)
    from workstation.ui.app import run_app

    return run_app(args.hub)


def default_demo_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("workstation")) / "demohub"


def print_demo_credentials(hub: Any) -> None:
    """The demo reader's sign-in details, for a person at the terminal."""
    from workstation.demohub.accounts import DEMO_READER

    print(
        "\n".join(
            [
                f"Demo hub running at {hub.base_url}",
                f"  username: {DEMO_READER.username}",
                f"  password: {DEMO_READER.password}",
                "  6-digit code: add this URI to an authenticator app,",
                "  or read the current code in the sign-in window:",
                f"  {DEMO_READER.otpauth_uri()}",
            ]
        ),
        flush=True,
    )
