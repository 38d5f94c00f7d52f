"""Entry point of the frozen bundle: the same command line as the installed package."""

import multiprocessing
import sys

from workstation.cli import main

if __name__ == "__main__":
    # The decode pool starts worker processes; a frozen executable must hand control to
    # them before parsing arguments of its own.
    multiprocessing.freeze_support()
    sys.exit(main())
