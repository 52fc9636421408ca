"""Ingest with Dask: reading, name recognition and embedding on workers, the rest in this process.

    tidings ingest ARCHIVE --dask local --workers 4      # a LocalCluster of 4 worker processes
    tidings ingest ARCHIVE --dask tcp://scheduler:8786   # an existing cluster

The driver (this process) keeps everything stateful: raw items are committed as they arrive, batches
of raw bytes are shipped to workers (`tidings.prepare.prepare_batch`: read + MinHash + embed +
article stages), and the results are committed here in *input order*, one transaction per batch,
by the same code as a single-process ingest. So a run gives the same stories as `tidings ingest`
without Dask, and a killed run resumes the same way (pending raw items are read again).

Workers load the embedder once each (it is kept per process) and must be able to import tidings
with the same version and models as the driver. Optional: `pip install tidings[dask]`.
"""
from __future__ import annotations

import logging
import os
from collections import deque
from contextlib import contextmanager
from typing import Iterable, Iterator

from .model import RawArticle
from .pipeline import EmbedderMismatch
from .prepare import PreparedBatch, prepare_batch
from .read.embed import Embedder, embedder_spec

log = logging.getLogger("tidings.distributed")


class DaskUnavailable(RuntimeError):
    """dask.distributed is not installed (it is an optional extra)."""


class DaskReader:
    """A `BatchReader` that runs `prepare_batch` on a Dask cluster, a bounded window of batches ahead.

    Results are yielded in submission order: the driver waits for the oldest batch even when a
    later one finished first, so the commit order (and with it the stories) never depends on
    which worker was faster. The window bounds memory and keeps every worker busy while the
    driver commits.
    """

    def __init__(self, client, embedder: Embedder, window: int | None = None):
        self.client = client
        self.embedder_name = embedder_spec(embedder)
        self.model = embedder.name
        self.window = window or 3 * max(1, worker_count(client)) + 2

    def map(self, batches: Iterable[list[RawArticle]]) -> Iterator[tuple[list[RawArticle], PreparedBatch]]:
        pending = iter(batches)
        inflight: deque = deque()
        try:
            self._fill(pending, inflight)
            while inflight:
                raws, future = inflight.popleft()
                prepared = future.result()  # a worker's exception is raised here; raws stay pending
                if prepared.model and prepared.model != self.model:
                    raise EmbedderMismatch(f"a worker embedded with {prepared.model}, this store uses {self.model}: "
                                           f"install the same tidings version and models on every worker")
                self._fill(pending, inflight)  # keep the workers busy while the driver commits
                yield raws, prepared
        finally:
            if inflight:  # stopped early (error, Ctrl-C): no work left running for nothing
                self.client.cancel([future for _, future in inflight])

    def _fill(self, pending: Iterator[list[RawArticle]], inflight: deque) -> None:
        while len(inflight) < self.window:
            raws = next(pending, None)
            if raws is None:
                return
            future = self.client.submit(prepare_batch, raws, self.embedder_name, pure=False)
            inflight.append((raws, future))


def worker_count(client) -> int:
    return len(client.scheduler_info(n_workers=-1).get("workers", {})) if client else 0


@contextmanager
def dask_client(address: str, workers: int | None = None) -> Iterator:
    """A client for `address` ('local' starts a LocalCluster of `workers` processes, 2 by default;
    with a scheduler address, `workers` is how many workers to wait for)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # the optional extra is not installed
        raise DaskUnavailable("not installed: pip install 'tidings[dask]'") from exc
    # dask sets its loggers to INFO: follow the level `tidings -v` chose instead
    logging.getLogger("distributed").setLevel(max(logging.getLogger().getEffectiveLevel(), logging.WARNING))
    if address == "local":
        count = workers or 2
        # one model thread per worker by default: N workers already use N cores
        threads = os.environ.get("TIDINGS_WORKER_THREADS") or str(max(1, (os.cpu_count() or 1) // count))
        env = {"TIDINGS_THREADS": threads, "OMP_NUM_THREADS": threads}
        with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR, env=env) as cluster, Client(cluster) as client:
            yield client
        return
    with Client(address) as client:
        if workers:
            client.wait_for_workers(workers)
        yield client
