"""``python -m workstation.demohub``: same as ``workstation demohub``."""

import sys

from workstation.demohub.server import main

sys.exit(main())
