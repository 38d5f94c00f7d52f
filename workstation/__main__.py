"""``python -m workstation`` runs the same command line as the ``workstation`` script.

The guard matters: the demo data generator starts worker processes with the "spawn"
method, which imports this module again in every child.
"""

import sys

from workstation.cli import main

if __name__ == "__main__":
    sys.exit(main())
