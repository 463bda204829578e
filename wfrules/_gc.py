"""One way to pause Python's cyclic garbage collector while many small acyclic objects are built.

Reference counting frees such objects on its own; with a large heap the collector's passes would cost more
than the work (about a quarter of ``check`` on 1M rows). Used around the CSV scan (:mod:`wfrules._stream`),
the DuckDB scan (:mod:`wfrules._fast`), counting and evaluating (:mod:`wfrules._engine`) and the CLI's
start-up (:mod:`wfrules._cli`). The pause is process-wide: a thread working under it (the fast path's count)
pauses collection for the other threads too, which is what the CLI wants.

>>> import gc
>>> with no_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector inside (also usable as a decorator); its state is restored, also on
    an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
