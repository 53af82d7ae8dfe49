"""Worker processes of ``dckg serve``: every read of the store runs in one of them.

Why processes and not threads: pyoxigraph keeps the GIL while it evaluates a
query and ``Store.query`` has no timeout, so a query run in a thread of the
HTTP server would stall every other request until it finished, and could not
be stopped.  A worker is a separate process holding its own read-only handle
on the store (RocksDB allows many read-only openings); the server hands it a
*job* over a pipe and waits at most ``timeout`` seconds.  When the time is up
the worker is killed, which really stops the query, and a fresh one takes its
place.  Two workers also use both cores of a small machine.

A job is any picklable object with a ``run(context) -> Reply`` method
(:class:`kg.serve_sparql.QueryJob`, :class:`kg.serve_describe.ResourceJob`);
the worker calls it with a :class:`WorkerContext` (the store and the IRI base).

>>> Reply(404, "text/plain; charset=utf-8", b"no such resource").status
404
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kg.errors import KGError

__all__ = [
    "Job",
    "Reply",
    "ReplyCache",
    "WorkerContext",
    "WorkerPool",
    "text_reply",
    "union_default",
]

#: Seconds a new worker may take to import and open the store.
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Reply:
    """What a job answers: HTTP status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def text_reply(status: int, message: str) -> Reply:
    """A plain-text reply (errors and refusals), the message on one line."""
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def union_default(store: ox.Store) -> bool:
    """Whether queries should see the union of all graphs as their default graph.

    ``dckg build`` keeps every triple in exactly one graph (the resolutions in
    the default graph, each reference graph in a named graph), so the union is
    the whole graph, each triple once.  Stores written for a while kept the
    whole graph in the default graph *and* the reference graphs in named
    graphs; there the union would count those twice, so the default graph alone
    is used.  One triple of each named graph tells the two apart.
    """
    for graph in store.named_graphs():
        for quad in store.quads_for_pattern(None, None, None, graph):
            if ox.Quad(quad.subject, quad.predicate, quad.object) in store:
                return False
            break
    return True


@dataclass
class WorkerContext:
    """What a job may use inside a worker: the store and the build's IRI base.

    ``union``: query the union of all graphs (see :func:`union_default`).
    ``cache`` lives as long as the worker (labels, the dataset description).
    """

    store: ox.Store
    base: str
    union: bool = False
    cache: dict[str, Any] = field(default_factory=dict)


class Job(Protocol):
    """A unit of work for a worker process."""

    def run(self, context: WorkerContext) -> Reply: ...


def _worker_main(store_path: str, base: str, conn: Connection) -> None:  # pragma: no cover
    """Body of a worker process (runs in the child; coverage does not see it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("error", f"cannot open the store: {exc}"))
        return
    context = WorkerContext(store, base, union_default(store))
    conn.send(("ready", ""))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = job.run(context)
        except KGError as exc:
            reply = text_reply(400, str(exc))
        except Exception as exc:  # a bug must not take the worker down
            reply = text_reply(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


@dataclass
class _Worker:
    process: Any  # multiprocessing.context.SpawnProcess
    conn: Connection


class WorkerPool:
    """``size`` worker processes over the store in ``store_path``.

    :meth:`start` spawns them and waits until each has opened the store;
    :meth:`run` gives a job to a free worker (waiting at most ``timeout`` for
    one) and returns its reply, or a 503 reply when the job took longer than
    ``timeout`` seconds (the worker is then killed and replaced).
    """

    def __init__(self, store_path: Path, base: str, size: int = 2, timeout: float = 10.0) -> None:
        if size < 1:
            raise KGError("at least one worker is needed", where="--workers")
        self.store_path = str(store_path)
        self.base = base
        self.size = size
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        self._ctx = multiprocessing.get_context("spawn")

    # -- life cycle -----------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main,
            args=(self.store_path, self.base, child),
            name="dckg-serve-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        try:
            ready = worker.conn.poll(START_TIMEOUT)
            status, message = worker.conn.recv() if ready else ("error", "did not start in time")
        except (EOFError, OSError):
            status, message = "error", "stopped while starting"
        if status != "ready":
            self._stop(worker)
            raise KGError(f"query worker failed: {message}", path=self.store_path)

    def start(self) -> None:
        """Spawn the workers (in parallel) and wait until all are ready."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self._await_ready(worker)
        except KGError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def _stop(self, worker: _Worker, kill: bool = True) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        with contextlib.suppress(OSError):
            worker.conn.close()
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another one in the background."""
        self._stop(worker)

        def respawn() -> None:
            if self._closed:
                return
            fresh = self._spawn()
            try:
                self._await_ready(fresh)
            except KGError:
                return  # the store went away; requests will get 503 "busy"
            if self._closed:
                self._stop(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=respawn, name="dckg-serve-respawn", daemon=True).start()

    def close(self) -> None:
        """Stop every worker: idle ones are asked to quit, busy ones are killed."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._stop(worker, kill=True)

    # -- jobs -------------------------------------------------------------------
    def run(self, job: Job) -> Reply:
        """Run ``job`` in a free worker; 503 when none is free in time or it runs too long."""
        if self._closed:
            return text_reply(503, "the server is stopping")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_reply(503, f"all {self.size} query workers are busy; try again in a moment")
        try:
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                return text_reply(
                    503,
                    f"query timed out after {self.timeout:g} s and was stopped "
                    "(the limit is set with dckg serve --timeout)",
                )
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return text_reply(500, "the query worker stopped unexpectedly")
        self._idle.put(worker)
        return reply


class ReplyCache:
    """Finished 200 replies by job, least recently used dropped first.

    The store never changes while it is served, so an answer stays right until
    the server stops: a named query asked again, or a page seen again, costs a
    dictionary lookup.  Bounded by the bytes of the bodies kept (``max_bytes``;
    0 keeps nothing); a body over an eighth of that is not kept.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Any, Reply] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, job: Any) -> Reply | None:
        with self._lock:
            reply = self._items.get(job)
            if reply is not None:
                self._items.move_to_end(job)
            return reply

    def put(self, job: Any, reply: Reply) -> None:
        size = len(reply.body)
        if reply.status != 200 or size > self.max_bytes // 8:
            return
        with self._lock:
            if job in self._items:
                return
            self._items[job] = reply
            self._size += size
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped.body)
