"""`main.py add --scheduler ADDRESS`: the same per-file analysis, run on a Dask distributed cluster.

When a corpus outgrows one machine, an existing engine spreads the work: `analyse_path` (the function
the local process pool runs) is handed to the cluster's workers through distributed's
`concurrent.futures` executor, and the results come back here, where `add_files` stores them in the
library exactly as for a local run. Dask is an optional part of the lock, imported only from here.

The workers need this checkout and its locked packages (the same Python environment) and must see the
files at the same paths (a shared file system); they load the language model once each.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass

from models.errors import AppError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 20.0
MISSING = (
    "Running on a cluster needs the dask and distributed packages; install the locked packages with "
    "`.venv/bin/pip install --require-hashes --no-deps -r requirements.lock`, or leave out --scheduler."
)


@dataclass(frozen=True, slots=True)
class Cluster:
    """An open connection to a cluster: the executor to submit to and how many tasks it runs at once."""

    executor: Executor
    slots: int
    address: str


@contextlib.contextmanager
def connect(address: str, timeout: float = CONNECT_TIMEOUT_S) -> Iterator[Cluster]:
    """Connect to the Dask scheduler at `address` (e.g. tcp://10.0.0.5:8786) for the duration of the block.

    Raises:
        AppError: dask is not installed, no scheduler answers there, or the cluster has no workers.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise AppError(MISSING) from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise AppError(
            f"No Dask scheduler answered at {address}; check the address, or start one with `dask scheduler` "
            "and its workers with `dask worker ADDRESS`."
        ) from exc
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise AppError(
                f"The Dask scheduler at {address} has no workers; start some with `dask worker {address}`."
            ) from exc
        slots = max(1, sum(client.nthreads().values()))
        log.info("cluster at %s: %d workers, %d threads", address, len(client.nthreads()), slots)
        # pure=False: a file is analysed again when asked again (its content may have changed meanwhile).
        executor = client.get_executor(pure=False)
        try:
            yield Cluster(executor, slots, address)
        finally:
            executor.shutdown(wait=False)
    finally:
        client.close()
