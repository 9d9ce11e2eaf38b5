"""Every path the project uses, derived from the package location.

Nothing here reads, writes or logs at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"  # lexicons, trained models: shipped inside the package
SEEDS_DIR = PROJECT_DIR / "seeds"
REPORTS_DIR = PROJECT_DIR / "reports"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
TEMPLATES_DIR = NOTEBOOKS_DIR / "reports"
CACHE_DIR = Path(os.environ.get("ANALYSIS_CACHE_DIR", PROJECT_DIR / ".cache"))
# ../shared/data sits beside the checkout on the team's machines and in CI; a user's clone has none.
SHARED_DATA_DIR = Path(os.environ.get("ANALYSIS_SHARED_DATA", PROJECT_DIR.parent / "shared" / "data"))

SEED_ARTICLE = SEEDS_DIR / "000_48e887ccb703808a.txt"

__all__ = [
    "CACHE_DIR",
    "DATA_DIR",
    "NOTEBOOKS_DIR",
    "PACKAGE_DIR",
    "PROJECT_DIR",
    "REPORTS_DIR",
    "SEEDS_DIR",
    "SEED_ARTICLE",
    "SHARED_DATA_DIR",
    "TEMPLATES_DIR",
]
