"""Finished parts made durable, renamed into place and journaled in a thread, many at once, while the run goes on.

A part is journaled (and a rerun skips it) only once it is on disk and in place: its data waited for (``fsync``),
then renamed, then its folder waited for, then its journal line. Done a part at a time in the main process, these
three waits for the disk were most of a run over many small files: a folder of 100 Markdown pages (1.2 MB) took
5.0 s, 1.1 s of it CPU, as each wait took about 5 ms on an idle ext4 disk. Waits for several files at once are
written in one commit of the file system's journal (50 small files: 4.5 ms a file one after the other, 0.3-0.6 ms
from 8 threads), so the thread takes every part finished meanwhile as one group: their data waited for together,
their folders together, one journal write.

What a crash leaves stays as before: a part renamed into place but not yet journaled is redone by the next run
(written again under its temporary name and renamed over it); a part journaled is whole on disk.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dorost.batch.formats import PartWriter, fsync_folder
from dorost.batch.state import PartRecord, RunState

# Threads that wait for the disk at once (each waits on one file or folder of a group).
_WAITERS = 8
# Parts handed over and not yet in place, at most: each holds an open file, and a disk slower than the
# restoration (a network share) makes the run wait here rather than run out of file descriptors.
_HELD = 256

Finished = tuple[PartWriter, PartRecord]


class Committer:
    """Takes parts whose writing is finished (:meth:`PartWriter.finish_writing`) and commits them in a thread.

    An error in the thread (a full disk) is raised in the caller at its next :meth:`put`, or by :meth:`close`;
    the parts not yet in place are then dropped (the next run redoes them).
    """

    def __init__(self, state: RunState) -> None:
        self.state = state
        self._queue: queue.Queue[Finished | None] = queue.Queue(_HELD)
        self._error: BaseException | None = None
        self._raised = False
        self._thread = threading.Thread(target=self._loop, name="dorost-commit", daemon=True)
        self._thread.start()

    def put(self, writer: PartWriter, record: PartRecord) -> None:
        self._raise()
        self._queue.put((writer, record))

    def close(self, quiet: bool = False) -> None:
        """Wait until every part handed over is in place and journaled; raise what failed, unless ``quiet``
        (the run is already stopping on another error)."""
        self._queue.put(None)
        self._thread.join()
        if not quiet:
            self._raise()

    def _raise(self) -> None:
        if self._error is not None and not self._raised:
            self._raised = True  # (once: the run stops on it; the parts handed over after it are dropped)
            raise self._error

    def _loop(self) -> None:
        with ThreadPoolExecutor(_WAITERS, thread_name_prefix="dorost-fsync") as waiters:
            while True:
                group, last = self._group()
                if self._error is None:
                    try:
                        self._commit(group, waiters)
                    except BaseException as error:  # raised in the caller's thread
                        self._error = error
                if self._error is not None:
                    for writer, _ in group:
                        writer.abort()  # (a part already in place stays; it is not journaled, so it is redone)
                if last:
                    return

    def _group(self) -> tuple[list[Finished], bool]:
        """The next part handed over and every one handed over since; whether the caller has closed."""
        group: list[Finished] = []
        item = self._queue.get()
        while item is not None:
            group.append(item)
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return group, False
        return group, True

    def _commit(self, group: list[Finished], waiters: ThreadPoolExecutor) -> None:
        if not group:
            return
        for _ in waiters.map(PartWriter.sync, [writer for writer, _ in group]):
            pass
        for writer, _ in group:
            writer.publish()
        folders: set[Path] = {writer.path.parent for writer, _ in group}
        for _ in waiters.map(fsync_folder, folders):
            pass
        self.state.finish(*(record for _, record in group))
