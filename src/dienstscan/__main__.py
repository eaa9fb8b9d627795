"""Allow ``python -m dienstscan``."""

import sys

from .cli import main

sys.exit(main())
