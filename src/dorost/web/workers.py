"""Where repairs run: bounded, each within the time limit, off the server's event loop.

Two kinds of workers, same contract (:meth:`Workers.run` a :class:`~dorost.web.jobs.Job`, get the
JSON answer or an :class:`~dorost.web.errors.ApiError`):

- :class:`ProcessWorkers` (the server's default): ``concurrency`` long-lived worker processes. A
  repair past the time limit is answered with 504 and its process is killed and replaced, so a
  runaway request costs nothing after its deadline; repairs also run on several cores at once.
- :class:`ThreadWorkers`: worker threads in the server's own process (no process start-up, for
  embedding and tests). Threads cannot be stopped: a repair past the limit is answered with 504
  but keeps its worker until it ends, so slow requests still cannot pile up more work.

Both admit at most ``max_pending`` requests at once (running or waiting); more get 503 at once, and
a request that finds no free worker within the time limit gets 503 too.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from dorost.config import Config
from dorost.errors import DorostError
from dorost.web.errors import ApiError, busy, too_slow
from dorost.web.jobs import Job, execute
from dorost.web.limits import Limits

STARTUP_TIMEOUT = 120.0


class Workers:
    """Admission and the common deadline logic; subclasses say how a job runs."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.pending = 0
        self._executor = ThreadPoolExecutor(max_workers=limits.concurrency, thread_name_prefix="dorost")

    def admit(self) -> None:
        if self.pending >= self.limits.max_pending:
            raise busy()
        self.pending += 1

    def leave(self) -> None:
        self.pending -= 1

    async def run(self, job: Job) -> bytes:
        raise NotImplementedError

    def start(self) -> None:
        """Get ready before the first request (optional: workers also start on first use)."""

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _no_worker(self) -> ApiError:
        return busy(f"no worker came free within {self.limits.timeout:g} s; try again")


class ThreadWorkers(Workers):
    """Repairs in worker threads of this process."""

    def __init__(self, limits: Limits) -> None:
        super().__init__(limits)
        self._slots = asyncio.Semaphore(limits.concurrency)

    async def run(self, job: Job) -> bytes:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.limits.timeout
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout=self.limits.timeout)
        except TimeoutError:
            raise self._no_worker() from None
        future = loop.run_in_executor(self._executor, execute, job)
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout=max(0.0, deadline - loop.time()))
        except TimeoutError:
            raise too_slow(self.limits.timeout) from None

    def _release(self, future: asyncio.Future[bytes]) -> None:
        self._slots.release()
        if not future.cancelled():
            future.exception()  # retrieved, so a timed-out failure is not reported as unhandled


def _serve(connection: Connection) -> None:
    """A worker process: answer jobs until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the server, which ends its workers
    execute(Job(config=Config(), text="\u0633\u0644\u0627\u0645 \u062f\u0646\u06cc\u0627"))  # load the model now
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", execute(job))
        except DorostError as error:
            answer = ("input", error)  # pickled whole: its option names a form field in the answer
        except Exception as error:  # reported to the client as a 500, the worker lives on
            answer = ("error", type(error).__name__)
        connection.send(answer)


class _Process:
    """One worker process and its pipe; started on first use, replaced when killed."""

    def __init__(self, context: SpawnContext) -> None:
        self._context = context
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        # Start-up (ahead of the first request) and calls may come from different threads.
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def ensure_started(self) -> None:
        with self._lock:
            self._ensure_started()

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._stop()
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs,), name="dorost-worker", daemon=True)
        process.start()
        theirs.close()
        self._process, self._connection = process, ours
        # Start-up (imports, the language model) does not count against a request's time limit.
        if not ours.poll(STARTUP_TIMEOUT) or ours.recv()[0] != "ready":
            self._stop()
            raise RuntimeError("a worker process did not start")

    def call(self, job: Job, timeout: float) -> tuple[str, Any]:
        """Send the job and wait up to ``timeout`` s; kill the process if it has not answered."""
        with self._lock:
            self._ensure_started()
            assert self._connection is not None
            try:
                self._connection.send(job)
                if self._connection.poll(max(0.0, timeout)):
                    answer: tuple[str, Any] = self._connection.recv()
                    return answer
            except (EOFError, OSError):
                self._stop()
                return ("error", "the worker process ended")
            self._stop()
            return ("timeout", None)

    def kill(self) -> None:
        """End the process now, even mid-call (at shutdown); the call then sees its pipe close."""
        process = self._process
        if process is not None:
            with contextlib.suppress(ValueError):  # already closed by the calling thread
                process.kill()

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
            self._process.close()
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None


class ProcessWorkers(Workers):
    """Repairs in ``concurrency`` worker processes, each killed and replaced when it runs too long."""

    def __init__(self, limits: Limits) -> None:
        super().__init__(limits)
        context = multiprocessing.get_context("spawn")
        self._processes = [_Process(context) for _ in range(limits.concurrency)]
        self._idle: asyncio.Queue[_Process] | None = None

    def _queue(self) -> asyncio.Queue[_Process]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for process in self._processes:
                self._idle.put_nowait(process)
        return self._idle

    def start(self) -> None:
        for process in self._processes:
            self._executor.submit(process.ensure_started)

    async def run(self, job: Job) -> bytes:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.limits.timeout
        idle = self._queue()
        try:
            process = await asyncio.wait_for(idle.get(), timeout=self.limits.timeout)
        except TimeoutError:
            raise self._no_worker() from None
        future = loop.run_in_executor(self._executor, process.call, job, deadline - loop.time())
        # The process goes back only when its call has ended, even if this request is cancelled.
        future.add_done_callback(lambda _: idle.put_nowait(process))
        kind, value = await asyncio.shield(future)
        if kind == "ok":
            assert isinstance(value, bytes)
            return value
        if kind == "input":
            assert isinstance(value, DorostError)
            raise value
        if kind == "timeout":
            raise too_slow(self.limits.timeout)
        raise RuntimeError(f"the repair failed in its worker: {value}")

    def close(self) -> None:
        for process in self._processes:
            process.kill()
        super().close()

    def pids(self) -> list[int | None]:
        return [process.pid for process in self._processes]


def make_workers(limits: Limits) -> Workers:
    return ProcessWorkers(limits) if limits.workers == "process" else ThreadWorkers(limits)
