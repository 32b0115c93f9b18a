"""Which core analyses the text: the compiled one (lintnews._speedups, built from C where a
compiler was found at install) or the pure-Python one, the reference, which gives the
same findings. LINTNEWS_PURE=1 in the environment forces the pure-Python core."""
from __future__ import annotations

import os

speedups = None
if os.environ.get("LINTNEWS_PURE", "") in ("", "0"):
    try:
        from lintnews import _speedups as speedups
    except ImportError:             # (not built: no compiler at install)
        speedups = None

NAME = "c" if speedups is not None else "python"
