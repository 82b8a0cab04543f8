"""The garbage collector paused while a stage makes many objects that
live on and hold no cycle: unpickling a memo (10,000 records, the held
articles), planning 35,000 outputs, parsing a YAML node tree.

Python's cyclic collector is set off by allocations, and each collection
walks the objects made before it, over and over, for no garbage: at 1,000
articles two thirds of the time `pickle.load` took; at 10,000 the plan took
0.42-0.46 s of CPU, 0.32-0.35 s paused. Memory freed by reference counting
is not affected, and cyclic garbage made meanwhile is collected after. The
collector is left as it was found, whatever happens (a failure, a stop).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import TypeVar

F = TypeVar("F", bound=Callable)


@contextlib.contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No collection in the block. `freeze`: every object then tracked is
    left out of the collections that follow (`gc.freeze`) until
    `gc.unfreeze()` (what a build holds to its end)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def while_paused(function: F) -> F:
    """`function` run in `collector_paused()`."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        with collector_paused():
            return function(*args, **kwargs)

    return paused  # type: ignore[return-value]
