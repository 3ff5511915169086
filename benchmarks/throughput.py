"""Throughput: dorost against its peers, and `dorost batch` across workers, measured in one run.

1. Single process, one document (paragraph) at a time, on real Persian running text from the
   shippable corpora in ``../shared/corpora``: MB/s of dorost's full restoration and of each peer
   that is installed (hazm, shekar, parsivar, rishe: ``pip install 'dorost[bench]'``), with each peer's
   speed as a ratio of dorost's. Peers that grow faster than linearly on long inputs are fed paragraph
   by paragraph like dorost (see ../shared/notes/peers.md); each tool gets at most ``--budget`` seconds
   and is measured on the paragraphs it finished in that time.
2. ``dorost batch`` over the same text as JSONL shards with 1 and 2 workers: wall time, MB/s and the
   scaling ratio; CPU seconds of the main process and of the workers, and the scaling they predict on
   two idle cores; the start-up of each (two one-document shards), a fixed cost per run, with the
   scaling it leaves once subtracted (what a corpus of any real size approaches); where the second
   worker's CPU goes (the main process, the workers, and what their separate memories cost, measured
   on the same chunks without the pool); and whether both runs wrote identical parts.
   ``--batch-repeats 3`` keeps the least CPU time of three runs each, on a busy machine; ``--batch-mb 4``
   measures on 4 MB (start-up and the memories' first filling weigh less than on 1 MB).
3. Peak memory of the full pipeline as the corpus grows: one process (a fresh one) restores the
   paragraphs one by one, and its resident memory (now and at its peak) is read at each size, with
   how full each of the fixes' bounded memories is; then ``dorost batch`` with 2 workers on corpora of
   growing size, each worker's peak and the whole run's (resident, and proportional: pages shared by
   forked workers counted once). Bounded memory means the peak stops growing once every memory is
   full. Past the shippable human-written text the corpus goes on with the shippable machine
   translations (``MEMORY_CORPORA``), so that ``--long-memory`` reaches 16 MB of distinct text.
   The text changes as the corpus grows (each size's row names its corpora), and so does the speed;
   ``--memory-ab`` gives what the bounds themselves cost, on the same text.
4. An interrupted run: ``kill -9`` in the middle, resume, then count documents (none lost or doubled).

    python benchmarks/throughput.py                    # about 1 MB of text
    python benchmarks/throughput.py --mb 4 --budget 60 --json results.json
    python benchmarks/throughput.py --memory-only --long-memory   # peak memory up to 16 MB of text
    python benchmarks/throughput.py --memory-ab --long-memory     # what the memories' bounds cost
    python benchmarks/throughput.py --profile          # seconds per fix (where the time goes): inside
                                                       # the full run (fresh process), and one warm pass
    python benchmarks/throughput.py --warm-mb 1        # dorost after 1 MB of other text (a long run)
    python benchmarks/throughput.py --wrap 70 --mb 0.25 --skip-peers   # wrapped lines, as from a PDF
    python benchmarks/throughput.py --single-only --skip-peers --profile  # one process only (a minute)
    python benchmarks/throughput.py --single-only --repeats 5   # each tool's best of 5 fresh processes

Every figure is measured in the same run on the same machine; ratios are what to compare across
machines. Run it at low priority on a shared machine (``nice -n 19``).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
MB = 1_000_000
# Human-written running text marked shippable in ../shared/corpora/README.md, plus FarsTail's damaged
# sentences (Apache-2.0), so that the pipeline has real work to do.
CORPORA = (
    "farstail/farstail_unique_sentences.txt",
    "debian-handbook-fa/text.txt",
    "opensource-guide-fa/text.txt",
    "react-docs-fa/text.txt",
    "vue-docs-fa/text.txt",
    "vite-docs-fa/text.txt",
    "http-explained-fa/text.txt",
    "cncf-glossary-fa/text.txt",
    "gin-docs-fa/text.txt",
    "hf-course-fa/text.txt",
    "pep8-fa/text.txt",
)
# The peak-memory runs need more distinct text than CORPORA holds (about 5.6 MB): after it, the other
# shippable running text, then the shippable machine translations (../shared/corpora/README.md).
MEMORY_CORPORA = (
    *CORPORA,
    "ud-persian-perdt/fa_perdt-ud-dev.sentences.txt",
    "ud-persian-seraji/fa_seraji-ud-dev.sentences.txt",
    "vitepress-docs-fa/text.txt",
    "firefox-l10n-fa/firefox_esr_fa_strings.txt",
    "openlogic-fa-mt/text.txt",
    "ms-beginners-fa-mt/text.txt",
    "openclaw-docs-fa-mt/text.txt",
)
FOUNDATION = ("unify_arabic_letters", "remove_invisible_junk", "tidy_zwnj", "fix_punctuation", "normalize_whitespace")


# -- text ---------------------------------------------------------------------------------------------


def paragraphs(megabytes: float) -> list[str]:
    """About ``megabytes`` MB of paragraphs, taken round-robin from the corpora so every source is in."""
    return list(stream_paragraphs(megabytes))


def documents(megabytes: float, wrap: int = 0) -> list[str]:
    """:func:`paragraphs`, or with ``wrap`` documents as a PDF's text looks: each paragraph wrapped into
    lines of at most ``wrap`` columns, a blank line after it, about 40 lines a document."""
    texts = paragraphs(megabytes)
    if not wrap:
        return texts
    docs: list[str] = []
    lines: list[str] = []
    for text in texts:
        lines += [*textwrap.wrap(text, wrap), ""]
        if len(lines) >= 40:
            docs.append("\n".join(lines))
            lines = []
    return [*docs, "\n".join(lines)] if lines else docs


def stream_paragraphs(megabytes: float, corpora: tuple[str, ...] = CORPORA) -> Iterator[str]:
    """:func:`paragraphs` one at a time (a long corpus is never held whole)."""
    for _, line in stream_sourced(megabytes, corpora):
        yield line


def stream_sourced(megabytes: float, corpora: tuple[str, ...] = CORPORA) -> Iterator[tuple[str, str]]:
    """:func:`stream_paragraphs` with each paragraph's corpus (its folder's name)."""
    sources = [
        (name.split("/")[0], _lines(SHARED / "corpora" / name))
        for name in corpora
        if (SHARED / "corpora" / name).is_file()
    ]
    if not sources:
        raise SystemExit(f"no corpora found under {SHARED / 'corpora'}")
    size = 0
    while size < megabytes * MB and sources:
        for source in list(sources):
            line = next(source[1], None)
            if line is None:
                sources.remove(source)
                continue
            yield source[0], line
            size += len(line.encode("utf-8"))


def _mix(nbytes: dict[str, int]) -> str:
    """The corpora that make up most of a stretch of text, with their shares."""
    total = sum(nbytes.values()) or 1
    top = sorted(nbytes.items(), key=lambda item: -item[1])[:3]
    return ", ".join(f"{name} {size / total:.0%}" for name, size in top)


def _lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.strip():
                yield line.rstrip("\n")


def size_of(texts: list[str]) -> int:
    return sum(len(text.encode("utf-8")) for text in texts)


# -- single process -----------------------------------------------------------------------------------


def peers() -> dict[str, Callable[[], Callable[[str], object]]]:
    """Each peer's documented default entry point, built lazily (some take seconds to load)."""

    def hazm() -> Callable[[str], object]:
        from hazm import Normalizer

        return Normalizer().normalize  # type: ignore[no-any-return]

    def shekar() -> Callable[[str], object]:
        from shekar import Normalizer

        return Normalizer().normalize  # type: ignore[no-any-return]

    def parsivar() -> Callable[[str], object]:
        from parsivar import Normalizer

        return Normalizer().normalize  # type: ignore[no-any-return]

    def rishe() -> Callable[[str], object]:
        from rishe import Pipeline

        return Pipeline().normalize  # type: ignore[no-any-return]

    return {"hazm": hazm, "shekar": shekar, "parsivar": parsivar, "rishe": rishe}


def measure(function: Callable[[str], object], texts: list[str], budget: float) -> tuple[float, int, float]:
    """(MB per CPU second, paragraphs done, CPU seconds) over the paragraphs finished within ``budget``.

    CPU time, not wall time: on a shared machine it is the figure that does not depend on the neighbours.
    """
    done = nbytes = 0
    started = time.process_time()
    for text in texts:
        function(text)
        done += 1
        nbytes += len(text.encode("utf-8"))
        if time.process_time() - started > budget:
            break
    seconds = time.process_time() - started
    return nbytes / MB / seconds, done, seconds


def single_process(
    texts: list[str], budget: float, with_peers: bool = True, warm: list[str] | None = None
) -> list[dict[str, object]]:
    from dorost import Config
    from dorost.batch import restore_document
    from dorost.batch.worker import WARM_UP
    from dorost.patterns import DECLARED

    rows: list[dict[str, object]] = []
    if warm:
        # A long corpus run, not its first megabyte: the per-word memories of the fixes have seen
        # other text (never the measured paragraphs) before the clock starts.
        for text in warm:
            restore_document(text, Config())
    full = Config()
    foundation = Config().with_fixes(only=FOUNDATION)
    for name, build in [
        ("dorost (full)", lambda: lambda text: restore_document(text, full)),
        ("dorost (character fixes only)", lambda: lambda text: restore_document(text, foundation)),
        *(peers().items() if with_peers else ()),
    ]:
        try:
            loading = time.perf_counter()
            function = build()
            # Warm up: models load on first use. The text is the one dorost batch warms its workers with:
            # a lost ZWNJ makes the spacing fix build its lexicon, about 50 ms that a first text without
            # one (`اين كتاب`) left to the measured run, as if it were throughput.
            function(WARM_UP)
            if name.startswith("dorost"):
                # Patterns that only some texts need compile on their first use (dorost.patterns): once a
                # process, as the model loads, so they compile here, outside the timed run, as they did at
                # import before (about 10 ms that the first 0.5 MB would otherwise carry as throughput).
                for accessor, _source, _flags in DECLARED:
                    accessor()
            load = time.perf_counter() - loading
        except Exception as error:  # a peer that is not installed or does not start
            rows.append({"tool": name, "error": f"{type(error).__name__}: {error}"[:80]})
            continue
        speed, done, seconds = measure(function, texts, budget)
        rows.append(
            {"tool": name, "mb_per_s": speed, "paragraphs": done, "of": len(texts), "seconds": seconds, "load": load}
        )
    return with_ratios(rows)


def with_ratios(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each tool's speed as a ratio of dorost's (the first row)."""
    dorost_speed = float(rows[0].get("mb_per_s", 0.0))  # type: ignore[arg-type]
    for row in rows:
        if "mb_per_s" in row and dorost_speed:
            row["dorost_ratio"] = dorost_speed / float(row["mb_per_s"])  # type: ignore[arg-type]
    return rows


def best_of_processes(args: argparse.Namespace) -> list[dict[str, object]]:
    """The single-process rows measured in ``args.repeats`` fresh processes (each tool's memories and
    caches start empty every time, as in one run), each tool's fastest kept and the ratios taken again."""
    command = [sys.executable, __file__, "--single-child", "--mb", str(args.mb), "--wrap", str(args.wrap)]
    command += ["--budget", str(args.budget), "--warm-mb", str(args.warm_mb)]
    command += ["--skip-peers"] if args.skip_peers else []
    best: dict[str, dict[str, object]] = {}
    for _ in range(args.repeats):
        child = subprocess.run(command, capture_output=True, text=True, check=True)
        for row in json.loads(child.stdout):
            kept = best.get(str(row["tool"]))
            if kept is None or float(row.get("mb_per_s", 0.0)) > float(kept.get("mb_per_s", 0.0)):  # type: ignore[arg-type]
                best[str(row["tool"])] = row
    rows = list(best.values())
    return with_ratios(rows)


def profile_fixes(texts: list[str]) -> list[tuple[str, float, int]]:
    """CPU seconds each fix takes over the paragraphs, called as the pipeline calls it (first round)."""
    from dorost import Config
    from dorost.pipeline import FIXES

    config = Config()
    rows = []
    for fix in FIXES:
        if not config.enabled(fix.name):
            continue
        started = time.process_time()
        changes = 0
        for text in texts:
            changes += len(fix(text, config))
        rows.append((fix.name, time.process_time() - started, changes))
    return sorted(rows, key=lambda row: -row[1])


def profile_pipeline(texts: list[str]) -> dict[str, object]:
    """Where the full run's CPU time goes: each fix as the pipeline calls it, and the pipeline itself.

    Every fix is timed inside the real run (all rounds of the fixed point, first-time memories),
    so the rows add up to the measured total; what is left is the pipeline's own work (rounds,
    checks, edits, alignment) and ``restore_document``. Run it in a fresh process: the memories
    the fixes fill on first sight are part of the cost.
    """
    from dorost import Config
    from dorost.batch import restore_document
    from dorost.batch.worker import WARM_UP
    from dorost.edits import Change
    from dorost.fixes import Fix
    from dorost.pipeline import FIXES

    clock = time.process_time
    seconds: dict[str, list[float]] = {fix.name: [0.0, 0.0] for fix in FIXES}
    calls: dict[str, list[int]] = {fix.name: [0, 0] for fix in FIXES}
    changes: dict[str, int] = dict.fromkeys(seconds, 0)
    seen: set[str] = set()  # the fixes already called on the current document

    def timed(fix: Fix) -> Fix:
        function, name = fix.function, fix.name

        def call(text: str, config: Config) -> list[Change]:
            later = int(name in seen)
            seen.add(name)
            started = clock()
            proposed = function(text, config)
            seconds[name][later] += clock() - started
            calls[name][later] += 1
            changes[name] += len(proposed)
            return proposed

        return dataclasses.replace(fix, function=call)  # keeps what the fix needs

    fixes = tuple(timed(fix) for fix in FIXES)
    config = Config()
    restore_document(WARM_UP, config, fixes=fixes)  # the model and the lexicon load on first use
    for name in seconds:
        seconds[name] = [0.0, 0.0]
        calls[name] = [0, 0]
        changes[name] = 0
    # What one timed call adds by itself (two clock readings and the wrapper), to subtract.
    idle = timed(Fix("idle", "", lambda text, config: []))
    seconds["idle"], calls["idle"], changes["idle"] = [0.0, 0.0], [0, 0], 0
    started = clock()
    for _ in range(20_000):
        idle(texts[0], config)
    # (The part of it between the clock readings is already in each fix's own seconds.)
    per_call = (clock() - started - seconds["idle"][0] - seconds["idle"][1]) / 20_000
    # The cyclic garbage collector runs inside whichever row allocates: its time is told apart too.
    collecting_since, collector_seconds, collections = [0.0], [0.0], [0, 0, 0]

    def collecting(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting_since[0] = clock()
        else:
            collector_seconds[0] += clock() - collecting_since[0]
            collections[info["generation"]] += 1

    gc.callbacks.append(collecting)
    started = clock()
    try:
        for text in texts:
            seen.clear()
            restore_document(text, config, fixes=fixes)
    finally:
        gc.callbacks.remove(collecting)
    total = clock() - started
    timed_rows = sorted(
        ((name, first, later) for name, (first, later) in seconds.items() if name != "idle" and calls[name][0]),
        key=lambda row: -row[1] - row[2],
    )
    timing = per_call * sum(sum(counts) for name, counts in calls.items() if name != "idle")
    in_fixes = sum(first + later for _, first, later in timed_rows)
    rows = [
        {"fix": name, "first": first, "later": later, "calls": calls[name], "changes": changes[name]}
        for name, first, later in timed_rows
    ]
    return {
        "total": total,
        "rows": rows,
        "pipeline": total - in_fixes - timing,
        "timing": timing,
        "collector": collector_seconds[0],
        "collections": collections,
    }


# -- memory -----------------------------------------------------------------------------------------


def process_memory() -> tuple[float, float]:
    """(resident MB now, peak resident MB) of this process."""
    now = peak = 0.0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    now = int(line.split()[1]) * 1024 / MB
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024 / MB
    except OSError:  # not Linux: the peak alone (kilobytes on Linux, bytes on macOS)
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024) / MB
    return now, peak


def bounded_memories() -> dict[str, tuple[int, int]]:
    """Each memory the fixes keep across documents: name -> (entries now, bound)."""
    return {name: (entries, bound) for name, (_, entries, bound) in _memories().items()}


def _memories() -> dict[str, tuple[object, int, int]]:
    """name -> (the memory, or None for an lru_cache, whose entries cannot be read; entries; bound).

    Found, not listed by hand: the spacing lexicon's memories (dicts with a ``bound``), every bounded
    ``functools.lru_cache`` of a loaded dorost module, and the module-level dicts with a ``*_KEPT`` bound.
    """
    found: dict[str, tuple[object, int, int]] = {}
    spacing = sys.modules.get("dorost.fixes.spacing.lexicon")
    lexicon = getattr(spacing, "_LEXICON", None)
    for name, value in sorted(vars(lexicon).items() if hasattr(lexicon, "__dict__") else []):
        if isinstance(value, dict) and isinstance(getattr(value, "bound", None), int):
            found[f"spacing.{name}"] = (value, len(value), value.bound)
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("dorost.") or module is None:
            continue
        short = module_name.removeprefix("dorost.")
        for name, value in sorted(vars(module).items()):
            info = getattr(value, "cache_info", None)
            if callable(info) and getattr(value, "__module__", None) == module_name:
                state = info()
                if state.maxsize and state.currsize:
                    found[f"{short}.{name}"] = (None, state.currsize, state.maxsize)
            elif name.endswith("_KEPT") and isinstance(value, int):
                table = vars(module).get(name.removesuffix("_KEPT") + "S") or vars(module).get(name[: -len("_KEPT")])
                if isinstance(table, dict):
                    found[f"{short}.{name.removesuffix('_KEPT')}"] = (table, len(table), value)
    return found


def memory_bytes() -> dict[str, int]:
    """Bytes each readable memory holds (its table, keys and values), each object counted once.

    What the lexicon holds besides its memories (the model, the word tables) is counted first and
    charged to none: it is loaded once and does not grow.
    """
    import types

    atoms = (str, bytes, int, float, bool, type(None))
    opaque = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType)
    seen: set[int] = set()

    def size(root: object) -> int:
        total = 0
        stack = [root]
        while stack:
            item = stack.pop()
            if id(item) in seen:
                continue
            seen.add(id(item))
            total += sys.getsizeof(item)
            if isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list | tuple | set | frozenset):
                stack.extend(item)
            elif not isinstance(item, atoms + opaque):
                slots = getattr(type(item), "__slots__", ())
                for slot in (slots,) if isinstance(slots, str) else slots:
                    if hasattr(item, slot):
                        stack.append(getattr(item, slot))
                if hasattr(item, "__dict__"):
                    stack.append(vars(item))
        return total

    memories = _memories()
    lexicon = getattr(sys.modules.get("dorost.fixes.spacing.lexicon"), "_LEXICON", None)
    held = {id(memory) for memory, _, _ in memories.values()}
    for value in vars(lexicon).values() if hasattr(lexicon, "__dict__") else ():
        if id(value) not in held:
            size(value)
    return {name: size(memory) for name, (memory, _, _) in memories.items() if memory is not None}


def _sized_stretches(sizes: list[float], mix: dict[str, int]) -> Iterator[tuple[str, float | None]]:
    """The paragraphs of ``MEMORY_CORPORA`` up to the largest of ``sizes`` (MB): ``(text, reached)``,
    ``reached`` being the MB done when the paragraph completes a size, else None. ``mix`` counts the bytes
    of each source (the caller empties it at each size)."""
    targets = sorted(sizes)
    done = 0
    for source, text in stream_sourced(targets[-1], MEMORY_CORPORA):
        size = len(text.encode("utf-8"))
        done += size
        mix[source] = mix.get(source, 0) + size
        reached = None
        if done >= targets[0] * MB:
            while targets and done >= targets[0] * MB:
                targets.pop(0)
            reached = done / MB
        yield text, reached
        if not targets:
            return


def memory_growth(sizes: list[float]) -> list[dict[str, object]]:
    """Run in a fresh process: restore paragraphs one by one (full pipeline), as a worker does, and
    at each corpus size read the resident memory, the CPU time per MB since the last size, and the
    bounded memories' fill."""
    from dorost import Config
    from dorost.batch import restore_document
    from dorost.batch.worker import collector_tuned, warm_up

    warm_up()  # the model and the lexicon, loaded before the first document as in a worker
    now, peak = process_memory()
    rows: list[dict[str, object]] = [{"mb": 0.0, "rss_mb": now, "peak_mb": peak, "mb_per_s": 0.0}]
    config = Config()
    last_done = 0.0
    started = last = time.process_time()
    mix: dict[str, int] = {}
    with collector_tuned():
        for text, reached in _sized_stretches(sizes, mix):
            restore_document(text, config)
            if reached is None:
                continue
            clock = time.process_time()
            now, peak = process_memory()
            memories = bounded_memories()
            rows.append(
                {
                    "mb": reached,
                    "rss_mb": now,
                    "peak_mb": peak,
                    "mb_per_s": (reached - last_done) / (clock - last),
                    "cpu_seconds": clock - started,
                    "memories": memories,
                    "mix": _mix(mix),
                }
            )
            mix.clear()
            last, last_done = time.process_time(), reached
    rows[-1]["bytes"] = memory_bytes()
    return rows


def print_memory_growth(rows: list[dict[str, object]]) -> None:
    print("\n## Peak memory of the full pipeline in one process as the corpus grows\n")
    print(
        "(a fresh process restores the paragraphs one by one, as a batch worker does; "
        "MB/s is CPU time from the size before, on different text: the corpora change as the smaller "
        "ones run out; --memory-ab compares bounded and unbounded memories on the same text)\n"
    )
    print(
        table(
            [
                "corpus MB",
                "resident MB now",
                "peak resident MB",
                "MB/s since last",
                "memories at their bound",
                "text since last (its corpora)",
            ],
            [
                [
                    f"{row['mb']:.1f}" if row["mb"] else "0 (loaded)",
                    f"{row['rss_mb']:.0f}",
                    f"{row['peak_mb']:.0f}",
                    f"{row['mb_per_s']:.3f}" if row["mb"] else "",
                    _at_bound(rows, n) if n else "",
                    str(row.get("mix", "")),
                ]
                for n, row in enumerate(rows)
            ],
        )
    )
    last = rows[-1].get("memories")
    if isinstance(last, dict) and last:
        print("\nentries in each of the fixes' memories (a spacing memory empties at its bound; an lru_cache evicts)\n")
        grown = [name for name in last if any(_entries(row, name) for row in rows[1:])]
        sizes = rows[-1].get("bytes")
        sizes = sizes if isinstance(sizes, dict) else {}
        full: dict[str, float] = {}  # MB each readable memory would hold at its bound, at its bytes per entry now
        for name in grown:
            entries, bound = last[name]
            if name in sizes and entries:
                full[name] = sizes[name] / entries * bound / MB
        print(
            table(
                ["memory", *(f"{row['mb']:.3g} MB" for row in rows[1:]), "bound", "MB now", "MB at the bound"],
                [
                    [
                        name,
                        *(f"{_entries(row, name):,}" for row in rows[1:]),
                        f"{last[name][1]:,}",
                        f"{sizes[name] / MB:.1f}" if name in sizes else "",
                        f"{full[name]:.1f}" if name in full else "",
                    ]
                    for name in grown
                ],
            )
        )
        if full:
            loaded = float(rows[0]["rss_mb"])  # type: ignore[arg-type]
            unread = [name for name in grown if name not in sizes]
            print(
                f"\nall {len(full)} readable memories at their bounds: about {sum(full.values()):.0f} MB "
                f"(bytes per entry now x bound) over the {loaded:.0f} MB loaded; "
                f"now {sum(sizes[name] for name in full) / MB:.0f} MB"
                + (
                    f"; {len(unread)} lru caches not read (at most {sum(last[n][1] for n in unread):,} entries)"
                    if unread
                    else ""
                )
            )


def _entries(row: dict[str, object], name: str) -> int:
    memories = row.get("memories")
    found = memories.get(name) if isinstance(memories, dict) else None
    return int(found[0]) if found else 0


def _at_bound(rows: list[dict[str, object]], upto: int) -> str:
    """How many memories have reached their bound by row ``upto``: full now, or found emptied since a
    size before (a spacing memory empties at its bound and fills again)."""
    memories = rows[-1].get("memories")  # every memory used by the end (others are empty until then)
    if not isinstance(memories, dict) or not memories:
        return ""
    reached = 0
    for name, (_, bound) in memories.items():
        counts = [_entries(row, name) for row in rows[1 : upto + 1]]
        if counts[-1] >= bound or any(later < earlier for earlier, later in itertools.pairwise(counts)):
            reached += 1
    return f"{reached} of {len(memories)}"


def memory_bounds_ab(sizes: list[float]) -> list[dict[str, object]]:
    """Run in a fresh process: what the spacing memories' bounds cost as the corpus grows, on the same text.

    Two spacing lexicons restore the same paragraphs in one process, taking turns at going first:
    one with the shipped memories, one whose memories never forget (no policy of what to forget at
    the same bounds can do better). Outputs and edits must be equal. Only the spacing memories
    differ (the layout fixes' memories are shared). The cyclic collector is off: its pauses would
    fall on either lexicon by chance. Two shipped lexicons compared so differ by 0.98-1.05 per
    stretch (1.00 in all), the lexicon built first being the faster over the first megabytes.
    """
    import gc

    from dorost import Config
    from dorost.batch import restore_document
    from dorost.batch.worker import warm_up
    from dorost.fixes.spacing import lexicon as spacing
    from dorost.language import model

    warm_up()
    shipped = spacing.shared_lexicon()
    unbounded = spacing.Lexicon(model())
    for value in vars(unbounded).values():
        if isinstance(value, dict) and isinstance(getattr(value, "bound", None), int):
            value.bound = sys.maxsize  # type: ignore[attr-defined]
    lexicons = (shipped, unbounded)
    config = Config()
    seconds = [0.0, 0.0]
    mix: dict[str, int] = {}
    rows: list[dict[str, object]] = []
    last_done = 0.0
    gc.disable()
    try:
        for n, (text, reached) in enumerate(_sized_stretches(sizes, mix)):
            results = [None, None]
            for turn in (n % 2, 1 - n % 2):
                spacing._LEXICON = lexicons[turn]
                started = time.process_time()
                result = restore_document(text, config, edits=True)
                seconds[turn] += time.process_time() - started
                results[turn] = (result.text, result.edits)  # type: ignore[call-overload]
            if results[0] != results[1]:
                raise SystemExit(f"the two lexicons restore a paragraph differently: {text[:80]!r}")
            if reached is None:
                continue
            megabytes = reached - last_done
            rows.append(
                {
                    "mb": reached,
                    "shipped_mb_per_s": megabytes / seconds[0],
                    "unbounded_mb_per_s": megabytes / seconds[1],
                    "mix": _mix(mix),
                }
            )
            seconds, last_done = [0.0, 0.0], reached
            mix.clear()
    finally:
        spacing._LEXICON = shipped
        gc.enable()
    return rows


def print_memory_bounds_ab(rows: list[dict[str, object]]) -> None:
    print("\n## What the spacing memories' bounds cost, on the same text as the corpus grows\n")
    print(
        "(one process, two spacing lexicons taking turns on each paragraph: the shipped memories and "
        "memories that never forget; MB/s of CPU time over the text since the size before)\n"
    )
    print(
        table(
            ["corpus MB", "shipped MB/s", "never forgetting MB/s", "shipped CPU ÷ never forgetting", "text (corpora)"],
            [
                [
                    f"{row['mb']:.1f}",
                    f"{row['shipped_mb_per_s']:.3f}",
                    f"{row['unbounded_mb_per_s']:.3f}",
                    f"{float(row['unbounded_mb_per_s']) / float(row['shipped_mb_per_s']):.3f}",  # type: ignore[arg-type]
                    str(row["mix"]),
                ]
                for row in rows
            ],
        )
    )


# -- batch ------------------------------------------------------------------------------------------


def write_shards(texts: list[str], folder: Path, shards: int) -> int:
    folder.mkdir(parents=True)
    per = -(-len(texts) // shards)
    for shard in range(shards):
        with open(folder / f"shard-{shard:03}.jsonl", "w", encoding="utf-8") as out:
            for n, text in enumerate(texts[shard * per : (shard + 1) * per], start=shard * per):
                out.write(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
    return len(texts)


# `python -m dorost` that, as it exits, writes the CPU seconds of its own process and of the processes
# it waited for (the workers it forked) to the file named first on its command line: the split of the
# run's CPU time between the main process and the workers. A run killed with -9 writes nothing.
_TIMED_DOROST = """
import atexit, json, resource, runpy, sys
report = sys.argv.pop(1)
def write_report():
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(report, "w", encoding="utf-8") as file:
        json.dump({"main": own.ru_utime + own.ru_stime, "workers": waited.ru_utime + waited.ru_stime}, file)
atexit.register(write_report)
runpy.run_module("dorost", run_name="__main__", alter_sys=True)
"""


def run_batch_process(
    inputs: Path,
    output: Path,
    workers: int,
    only: tuple[str, ...] = (),
    kill_after_parts: int = 0,
    every: float | None = 0.02,
    env: dict[str, str] | None = None,
) -> dict[str, float]:
    """Run `dorost batch` in a child process (with ``env``, else this one's environment): wall seconds,
    CPU seconds (all, the main process's, the workers') and peak resident memory of its tree.

    The tree is sampled every ``every`` seconds. Sampling costs CPU (the proportional set size reads
    each process's page map), which on two cores is taken from the workers: timed runs sample
    seldom and take their CPU time from the kernel's count for the run and the workers it waited for.
    The end of the run is watched every 10 ms whatever ``every`` is, so the wall time is not rounded up.
    With ``every`` None the tree is never sampled (its memory figures are then 0): on two busy cores
    each sample (3.7 ms of CPU with two workers) is taken from the workers, whereas one worker's run
    leaves it a core of its own, so that sampling alone made 2 workers look slower against 1.
    """
    report = output.with_name(output.name + ".cpu.json")
    report.unlink(missing_ok=True)
    command = [sys.executable, "-c", _TIMED_DOROST, str(report), "batch", str(inputs), "-o", str(output)]
    command += ["--workers", str(workers), "--no-progress"]
    if only:
        command += ["--only", ",".join(only)]
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with datatrove
        psutil = None
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env
    )
    peak = peak_shared = worker_peak = worker_peak_shared = 0
    journal = output / "_dorost_done.jsonl"
    killed = False
    # CPU seconds of every process of the run, each on its own, last seen: workers forked by a fork
    # server are not children the run waits for, so its resource usage would miss them.
    cpu_seen: dict[int, float] = {}
    sampled = 0.0
    while True:
        # wait4 reports the CPU time of the run and of every process it waited for.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        now = time.perf_counter()
        if every is not None and now - sampled >= every:
            sampled = now
            if psutil is not None:
                rss, pss, worker_rss, worker_pss = _tree_memory(psutil, process.pid, cpu_seen)
                peak, peak_shared = max(peak, rss), max(peak_shared, pss)
                worker_peak, worker_peak_shared = max(worker_peak, worker_rss), max(worker_peak_shared, worker_pss)
            if not killed and kill_after_parts and _journaled(journal) >= kill_after_parts:
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
        time.sleep(min(every or 0.01, 0.01))
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 and not killed:
        raise RuntimeError(process.stderr.read().decode() if process.stderr else "dorost batch failed")
    # Workers forked by the run are counted by wait4; those of a fork server only by sampling.
    cpu = max(sum(cpu_seen.values()), usage.ru_utime + usage.ru_stime)
    split = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    report.unlink(missing_ok=True)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        # The main process's share is the rest: it also ends the interpreter after the report is written.
        "cpu_main": cpu - float(split.get("workers", 0.0)),
        "cpu_workers": float(split.get("workers", 0.0)),
        "peak_mb": peak / MB,
        "peak_pss_mb": peak_shared / MB,
        "worker_peak_mb": worker_peak / MB,
        "worker_peak_pss_mb": worker_peak_shared / MB,
        "killed": float(killed),
    }


def _journaled(journal: Path) -> int:
    return len(journal.read_bytes().splitlines()) if journal.exists() else 0


def _tree_memory(psutil: object, pid: int, cpu_seen: dict[int, float]) -> tuple[int, int, int, int]:
    """Resident and proportional memory of the run and its descendants, and the most any one
    descendant (a worker) holds of each; their CPU seconds go into ``cpu_seen``.

    Resident sizes count pages the workers share with the process they were forked from once per
    process; the proportional set size (PSS) splits each shared page among its sharers: the memory
    the run really holds.
    """
    try:
        parent = psutil.Process(pid)  # type: ignore[attr-defined]
        processes = [parent, *parent.children(recursive=True)]
    except Exception:  # the run ended while being read
        return 0, 0, 0, 0
    rss = pss = worker_rss = worker_pss = 0
    for process in processes:
        try:
            with process.oneshot():
                resident = process.memory_info().rss
                times = process.cpu_times()
            proportional = getattr(process.memory_full_info(), "pss", resident)
        except Exception:  # a process ended while being read
            continue
        rss += resident
        pss += proportional
        if process.pid != pid:
            worker_rss, worker_pss = max(worker_rss, resident), max(worker_pss, proportional)
        cpu_seen[process.pid] = times.user + times.system
    return rss, pss, worker_rss, worker_pss


def count_documents(output: Path) -> tuple[int, int]:
    ids: list[int] = []
    for part in output.glob("shard-*.jsonl"):
        ids += [json.loads(line)["id"] for line in part.read_text(encoding="utf-8").splitlines()]
    return len(ids), len(set(ids))


# -- report -------------------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def measure_batch(texts: list[str], shards: int, work: Path, repeats: int = 1) -> dict[str, object]:
    """`dorost batch` over ``texts`` as JSONL shards with 1 and 2 workers, and where the second worker's
    CPU time goes.

    Each run is also made on a tiny corpus (two one-document shards): its start-up (imports, the
    language model, the workers), a fixed cost per run. Its first document makes every fix load what
    it loads on first use, as a real corpus's first documents do: one worker loads lazily, and on
    text that needs no model its start-up left out the model's load, which its run then counted as
    work. With ``repeats``, every run is made that many times, interleaved, and the one with the least
    CPU time kept (neighbours on a shared machine only ever add); the first of them reads the memory,
    the others are never sampled (see :func:`run_batch_process`). Then the same chunks are restored
    without the pool (:func:`restore_chunks`): all in one fresh process, and every other one in each
    of two, one after the other, so that what separate memories cost shows apart from the pool; and
    the two halves at once, which adds what two busy cores cost each other (and the neighbours).
    """
    from dorost.batch.worker import WARM_UP

    load_before = os.getloadavg()[0]
    write_shards(texts, work / "in", shards)
    write_shards([WARM_UP, "يك متن كوتاه"], work / "tiny-in", 2)
    nbytes = size_of(texts)
    env = installed_bytecode(work / "bytecode", work / "tiny-in")
    tries: dict[str, list[dict[str, float]]] = {}
    for attempt, workers in itertools.product(range(repeats), (1, 2)):
        for name, inputs in ((f"startup-{workers}", "tiny-in"), (f"run-{workers}", "in")):
            output = work / f"{name}-{attempt}"
            every = 0.5 if attempt == 0 else None
            tries.setdefault(name, []).append(run_batch_process(work / inputs, output, workers, every=every, env=env))
    least = {name: min(rows, key=lambda row: row["cpu_seconds"]) for name, rows in tries.items()}
    walls = {name: min(row["seconds"] for row in rows) for name, rows in tries.items()}
    peaks = {name: {key: value for key, value in rows[0].items() if "peak" in key} for name, rows in tries.items()}
    runs = {w: {**least[f"run-{w}"], **peaks[f"run-{w}"], "seconds": walls[f"run-{w}"]} for w in (1, 2)}
    startup = {w: {**least[f"startup-{w}"], **peaks[f"startup-{w}"], "seconds": walls[f"startup-{w}"]} for w in (1, 2)}
    identical = (
        all(
            (work / "run-1-0" / part.name).read_bytes() == part.read_bytes()
            for part in sorted((work / "run-2-0").glob("shard-*.jsonl"))
        )
        and len(list((work / "run-2-0").glob("shard-*.jsonl"))) == shards
    )
    split = {part: _restore_chunks_child(work / "in", part) for part in ("all", "0", "1")}
    together = _restore_chunks_children(work / "in", ("0", "1"))
    load_after = os.getloadavg()[0]

    cpu = {w: runs[w]["cpu_seconds"] for w in runs}
    work_cpu = {w: cpu[w] - startup[w]["cpu_seconds"] for w in runs}
    work_wall = {w: runs[w]["seconds"] - startup[w]["seconds"] for w in runs}
    main_past = runs[2]["cpu_main"] - startup[2]["cpu_main"]
    workers_past = runs[2]["cpu_workers"] - startup[2]["cpu_workers"]
    # On two idle cores: the main process starts alone (imports, the model), then the workers and the
    # main process's own share of the work run on both cores at once; one worker is the whole CPU time.
    expected = cpu[1] / (startup[2]["cpu_main"] + (workers_past + main_past) / 2)
    # Amdahl's bound: one worker's run with its start-up alone and the rest halved, nothing added.
    bound = cpu[1] / (startup[1]["cpu_seconds"] + work_cpu[1] / 2)
    one, halves = float(split["all"]["seconds"]), float(split["0"]["seconds"]) + float(split["1"]["seconds"])
    one_entries, halves_entries = int(split["all"]["entries"]), int(split["0"]["entries"]) + int(split["1"]["entries"])
    at_once = sum(float(row["seconds"]) for row in together)
    result: dict[str, object] = {
        "workers": runs,
        "startup": startup,
        "tries": tries,
        "bytes": nbytes,
        "shards": shards,
        "scaling": runs[1]["seconds"] / runs[2]["seconds"],
        "cpu_ratio": cpu[2] / cpu[1],
        "cpu_scaling": 2 * cpu[1] / cpu[2],
        "expected_scaling": expected,
        "startup_bound": bound,
        "main_past_startup": main_past,
        "workers_past_startup": workers_past,
        "identical_parts": identical,
        "split": {**split, "at_once": together},
        "load_average": [load_before, load_after],
    }
    if min(work_cpu.values()) > 0:
        result["cpu_scaling_without_startup"] = 2 * work_cpu[1] / work_cpu[2]
    if min(work_wall.values()) > 0:
        result["scaling_without_startup"] = work_wall[1] / work_wall[2]

    print(f"\n## dorost batch, full pipeline, {shards} JSONL shards, {nbytes / MB:.2f} MB\n")
    if repeats > 1:
        print(
            f"(each run made {repeats} times: the least wall time, the CPU times of the run with the least, "
            "and the peak memory of the first, the only one whose memory is read)\n"
        )
    print(
        table(
            [
                "workers",
                "wall s",
                "MB/s (wall)",
                "CPU s: main process",
                "CPU s: workers",
                "CPU s: all",
                "peak MB: RSS, PSS",
            ],
            [
                [
                    f"{w}{', start-up alone' if name == 'startup' else ''}",
                    f"{r['seconds']:.2f}",
                    f"{nbytes / MB / r['seconds']:.3f}" if name == "run" else "",
                    f"{r['cpu_main']:.2f}",
                    f"{r['cpu_workers']:.2f}",
                    f"{r['cpu_seconds']:.2f}",
                    f"{r['peak_mb']:.0f}, {r['peak_pss_mb']:.0f}",
                ]
                for name, group in (("run", runs), ("startup", startup))
                for w, r in group.items()
            ],
        )
    )
    print(
        f"\nscaling, 2 workers ÷ 1 worker (wall): {result['scaling']:.2f}× (target ≥ 1.8×; needs 2 idle cores; "
        f"load average before and after: {load_before:.2f}, {load_after:.2f})"
    )
    print(f"CPU seconds, 2 workers ÷ 1 worker: {cpu[2] / cpu[1]:.2f} (1.00 = parallel runs cost nothing extra)")
    print(
        f"scaling on 2 idle cores, from CPU time (2 × CPU₁ ÷ CPU₂, all of it split evenly): {2 * cpu[1] / cpu[2]:.2f}×"
    )
    print(
        "expected on 2 idle cores, from CPU time (the main process's start-up alone, the rest split evenly): "
        f"{expected:.2f}×; the most any pool could give on this corpus, its start-up being serial: {bound:.2f}×"
    )
    if "cpu_scaling_without_startup" in result and "scaling_without_startup" in result:
        print(
            "without the start-up (what a corpus of any size approaches): "
            f"wall {result['scaling_without_startup']:.2f}×, from CPU time {result['cpu_scaling_without_startup']:.2f}×"
        )
    print(f"\nwhere the 2-worker run's CPU goes, past the start-up (1 worker: {work_cpu[1]:.2f} s):")
    print(
        f"- the main process (reading, handing out, writing, journaling): {main_past:.2f} s "
        f"({main_past / cpu[2]:.0%} of the run's CPU time; {main_past / (nbytes / MB):.3f} s per MB)"
    )
    print(f"- the workers: {workers_past:.2f} s ({workers_past / work_cpu[1] - 1:+.0%} against 1 worker's work)")
    print(
        f"- separate memories (the same chunks without the pool, in fresh processes one after the other): "
        f"one process {one:.2f} s, two halves {halves:.2f} s ({halves / one - 1:+.0%}); entries the memories "
        f"fill: {one_entries:,} against {halves_entries:,} ({halves_entries / one_entries - 1:+.0%})"
    )
    print(
        f"- two busy cores (the same two halves at once, each in its own fresh process): {at_once:.2f} s "
        f"({at_once / halves - 1:+.0%} against one after the other)"
    )
    print(f"parts written by 1 and 2 workers identical: {'yes' if identical else 'NO'}")
    return result


def installed_bytecode(folder: Path, tiny: Path) -> dict[str, str]:
    """An environment in which Python reads the modules compiled, as from an installed package.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (a development checkout, CI), each run compiles every
    module it imports again, and that would count in its start-up. Here Python keeps what it
    compiles in ``folder`` (never beside the sources), and one untimed run over the corpus ``tiny``
    compiles what `dorost batch` imports.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder)
    run_batch_process(tiny, folder / "run", 2, every=0.5, env=env)
    return env


def restore_chunks(folder: Path, part: str) -> dict[str, float]:
    """What a worker of `dorost batch` does, without the pool: restore the chunks of the JSONL shards in
    ``folder`` as the run cuts them, all (``part`` "all") or every other one ("0" or "1", as two workers
    share them), in this process after the same start-up (model loaded, collector tuned, what is loaded
    frozen). Returns the CPU seconds and the entries the fixes' memories hold at the end."""
    import gc

    from dorost.batch.formats import discover, read_chunks
    from dorost.batch.runner import BatchOptions
    from dorost.batch.worker import Settings, collector_tuned, process_chunk, warm_up

    options = BatchOptions(inputs=(str(folder),), output="")
    settings = Settings("jsonl")
    chunks = [
        chunk
        for shard in discover(options.inputs, "jsonl", "none")
        for chunk in read_chunks(shard, options.chunk_docs, options.chunk_bytes)
    ]
    warm_up(settings)
    gc.freeze()
    mine = [chunk for n, chunk in enumerate(chunks) if part == "all" or n % 2 == int(part)]
    with collector_tuned():
        started = time.process_time()
        for chunk in mine:
            process_chunk(chunk, "jsonl", settings)
        seconds = time.process_time() - started
    return {"seconds": seconds, "entries": sum(entries for _, entries, _ in _memories().values()), "chunks": len(mine)}


def _restore_chunks_child(folder: Path, part: str) -> dict[str, float]:
    """:func:`restore_chunks` in a fresh process (memories empty, model loaded once)."""
    child = subprocess.run(
        [sys.executable, __file__, "--restore-chunks-child", f"{part}:{folder}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(child.stdout)  # type: ignore[no-any-return]


def _restore_chunks_children(folder: Path, parts: tuple[str, ...]) -> list[dict[str, float]]:
    """:func:`restore_chunks` for each of ``parts`` in fresh processes running at the same time. Each
    times its own restoration only, so that the model's load, made by both at once, counts in neither."""
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--restore-chunks-child", f"{part}:{folder}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for part in parts
    ]
    answers = [child.communicate()[0] for child in children]
    if any(child.returncode for child in children):
        raise RuntimeError("a restore-chunks child failed")
    return [json.loads(answer) for answer in answers]


def measure_memory(args: argparse.Namespace, work: Path) -> dict[str, object]:
    """The peak-memory sections: one process as the corpus grows, then dorost batch with 2 workers."""
    child = subprocess.run(
        [sys.executable, __file__, "--memory-mb", args.memory_mb, "--memory-child"],
        capture_output=True,
        text=True,
        check=True,
    )
    growth = json.loads(child.stdout)
    print_memory_growth(growth)
    batch_rows = []
    for size in [float(value) for value in args.batch_memory_mb.split(",")]:
        folder = work / f"mem-{size}"
        corpus = list(stream_paragraphs(size, MEMORY_CORPORA))
        write_shards(corpus, folder / "in", max(2, round(args.shards * size)))
        nbytes = size_of(corpus)
        del corpus
        run = run_batch_process(folder / "in", folder / "out", 2, every=0.1)
        batch_rows.append({"mb": nbytes / MB, **run})
        shutil.rmtree(folder)
    print("\n## Peak memory of dorost batch (2 workers, full pipeline) as the corpus grows\n")
    print("(each worker restores about half of the corpus; sampled every 0.1 s)\n")
    print(
        table(
            ["corpus MB", "wall s", "peak MB per worker: RSS, PSS", "peak MB of the run: RSS, PSS (all processes)"],
            [
                [
                    f"{r['mb']:.1f}",
                    f"{r['seconds']:.1f}",
                    f"{r['worker_peak_mb']:.0f}, {r['worker_peak_pss_mb']:.0f}",
                    f"{r['peak_mb']:.0f}, {r['peak_pss_mb']:.0f}",
                ]
                for r in batch_rows
            ],
        )
    )
    return {"memory_growth": growth, "memory": batch_rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="MB of text for the single-process and batch runs")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds at most per tool (single process)")
    parser.add_argument(
        "--memory-mb", default="1,2,4,8", help="corpus sizes (MB) at which one process's memory is read (full pipeline)"
    )
    parser.add_argument("--batch-memory-mb", default="1,4", help="corpus sizes (MB) of the dorost batch memory runs")
    parser.add_argument(
        "--long-memory",
        action="store_true",
        help="memory up to 16 MB of text (--memory-mb 1,2,4,8,12,16 --batch-memory-mb 1,4,8,16; a few minutes)",
    )
    parser.add_argument("--memory-only", action="store_true", help="measure peak memory only")
    parser.add_argument(
        "--memory-ab",
        action="store_true",
        help="only what the spacing memories' bounds cost: shipped against never forgetting, on the same text "
        "(sizes of --memory-mb; about a minute per 4 MB)",
    )
    parser.add_argument("--shards", type=int, default=8, help="JSONL shards per MB of corpus")
    parser.add_argument(
        "--batch-mb",
        type=float,
        metavar="MB",
        help="MB of text for the dorost batch 1-and-2-worker runs (default: --mb)",
    )
    parser.add_argument(
        "--batch-repeats",
        type=int,
        default=1,
        metavar="N",
        help="make each dorost batch run N times and keep the least CPU time (a shared machine's noise)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        metavar="N",
        help="single process: measure every tool in N fresh processes, one after another, and keep each tool's "
        "best (a shared machine's noise: one sample of CPU time moves by a fifth)",
    )
    parser.add_argument("--skip-peers", action="store_true", help="measure dorost only")
    parser.add_argument(
        "--batch-only",
        action="store_true",
        help="only the dorost batch 1-and-2-worker runs: no single process, memory or interrupted runs",
    )
    parser.add_argument("--profile", action="store_true", help="also report seconds per fix")
    parser.add_argument(
        "--single-only",
        action="store_true",
        help="only the single-process figures (and --profile): no batch, memory or interrupted runs",
    )
    parser.add_argument(
        "--wrap",
        type=int,
        default=0,
        metavar="COLUMNS",
        help="single process and profile on documents of wrapped lines, as a PDF's text comes (default: paragraphs)",
    )
    parser.add_argument(
        "--warm-mb",
        type=float,
        default=0.0,
        help="MB of other paragraphs dorost restores before it is measured (a long run's steady state)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write every figure as JSON")
    parser.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--single-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--memory-ab-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--restore-chunks-child", metavar="PART:FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.long_memory:
        args.memory_mb, args.batch_memory_mb = "1,2,4,8,12,16", "1,4,8,16"
    sys.path.insert(0, str(REPO / "src"))
    if args.single_child:  # one sample of the single-process figures, in a fresh process
        warm = paragraphs(args.mb + args.warm_mb)[len(paragraphs(args.mb)) :] if args.warm_mb else None
        texts = documents(args.mb, args.wrap)
        print(json.dumps(single_process(texts, args.budget, with_peers=not args.skip_peers, warm=warm)))
        return
    if args.profile_child:  # the in-pipeline profile, in a fresh process (first-time memories)
        print(json.dumps(profile_pipeline(documents(args.mb, args.wrap))))
        return
    if args.restore_chunks_child:  # a worker's share of dorost batch, without the pool, in a fresh process
        part, folder = args.restore_chunks_child.split(":", 1)
        print(json.dumps(restore_chunks(Path(folder), part)))
        return
    if args.memory_child:  # one process's memory as the corpus grows, in a fresh process
        print(json.dumps(memory_growth([float(value) for value in args.memory_mb.split(",")])))
        return

    if args.memory_ab_child:
        print(json.dumps(memory_bounds_ab([float(value) for value in args.memory_mb.split(",")])))
        return

    results: dict[str, object] = {}
    if args.batch_only:
        with tempfile.TemporaryDirectory(prefix="dorost-throughput-") as scratch:
            batch_texts = documents(args.batch_mb or args.mb, args.wrap)
            batch_shards = max(2, round(args.shards * (args.batch_mb or args.mb)))
            results["batch"] = measure_batch(batch_texts, batch_shards, Path(scratch), args.batch_repeats)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        return
    if args.memory_ab:  # in a fresh process: memories filled from the first paragraph
        child = subprocess.run(
            [sys.executable, __file__, "--memory-mb", args.memory_mb, "--memory-ab-child"],
            capture_output=True,
            text=True,
            check=True,
        )
        results["memory_ab"] = json.loads(child.stdout)
        print_memory_bounds_ab(results["memory_ab"])  # type: ignore[arg-type]
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        return
    if args.memory_only:
        with tempfile.TemporaryDirectory(prefix="dorost-memory-") as scratch:
            results.update(measure_memory(args, Path(scratch)))
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        return
    texts = documents(args.mb, args.wrap)
    shape = f"documents of lines wrapped at {args.wrap} columns" if args.wrap else "paragraphs"
    print(f"text: {len(texts):,} {shape}, {size_of(texts) / MB:.2f} MB from {len(CORPORA)} shippable corpora\n")

    warm = paragraphs(args.mb + args.warm_mb)[len(paragraphs(args.mb)) :] if args.warm_mb else None
    if args.repeats > 1:
        rows = best_of_processes(args)
    else:
        rows = single_process(texts, args.budget, with_peers=not args.skip_peers, warm=warm)
    results["single_process"] = rows
    results["warm_mb"] = size_of(warm) / MB if warm else 0.0
    print("## Single process, one paragraph at a time (MB per CPU second)\n")
    if args.repeats > 1:
        print(f"(each tool's best of {args.repeats} fresh processes; the ratios are of the bests)\n")
    if warm:
        print(f"(dorost measured after restoring {size_of(warm) / MB:.2f} MB of other paragraphs first)\n")
    print(
        table(
            ["tool", "MB/s", "dorost ÷ tool", "paragraphs", "load s"],
            [
                [
                    str(row["tool"]),
                    f"{row['mb_per_s']:.3f}" if "mb_per_s" in row else str(row.get("error")),
                    f"{row['dorost_ratio']:.2f}×" if "dorost_ratio" in row else "",
                    f"{row['paragraphs']:,}/{row['of']:,}" if "paragraphs" in row else "",
                    f"{row['load']:.1f}" if "load" in row else "",
                ]
                for row in rows
            ],
        )
    )
    if args.profile:
        child = subprocess.run(
            [sys.executable, __file__, "--mb", str(args.mb), "--wrap", str(args.wrap), "--profile-child"],
            capture_output=True,
            text=True,
            check=True,
        )
        inside = json.loads(child.stdout)
        results["pipeline_profile"] = inside
        total = float(inside["total"])
        print(
            f"\n## CPU seconds inside the full run (a fresh process: {total:.2f} s for "
            f"{size_of(texts) / MB:.2f} MB, {size_of(texts) / MB / total:.3f} MB/s as timed)\n"
        )
        pipeline_rows = [
            [
                str(row["fix"]),
                f"{row['first']:.3f}",
                f"{row['later']:.3f}",
                f"{(row['first'] + row['later']) / total:.0%}",
                f"{row['calls'][0]:,} + {row['calls'][1]:,}",
                f"{row['changes']:,}",
            ]
            for row in inside["rows"]
        ]
        share = inside["pipeline"] / total
        pipeline_rows.append(
            ["(pipeline and restore_document)", f"{inside['pipeline']:.3f}", "", f"{share:.0%}", "", ""]
        )
        collections = ", ".join(f"{count} of generation {g}" for g, count in enumerate(inside["collections"]))
        pipeline_rows.append(
            [
                "(of all the rows: the garbage collector)",
                f"{inside['collector']:.3f}",
                "",
                f"{inside['collector'] / total:.0%}",
                collections,
                "",
            ]
        )
        print(
            table(
                ["fix", "first call s", "later rounds s", "share", "calls (first + later)", "changes"],
                pipeline_rows,
            )
        )
        fixes = profile_fixes(texts)
        results["profile"] = [{"fix": name, "seconds": s, "changes": c} for name, s, c in fixes]
        total = sum(s for _, s, _ in fixes) or 1.0
        print("\n## CPU seconds per fix (one pass over the text, after the full pipeline has seen it)\n")
        print(
            table(
                ["fix", "seconds", "share", "MB/s alone", "changes"],
                [
                    [name, f"{s:.2f}", f"{s / total:.0%}", f"{size_of(texts) / MB / s:.2f}" if s else "", f"{c:,}"]
                    for name, s, c in fixes
                ],
            )
        )

    if args.single_only:
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="dorost-throughput-") as scratch:
        work = Path(scratch)
        shards = max(2, round(args.shards * args.mb))
        # Start-up is a fixed cost and the memories fill fastest early, so a small corpus understates
        # the scaling a long run reaches: --batch-mb measures it on more text than the rest.
        batch_mb = args.batch_mb or args.mb
        batch_texts = texts if batch_mb == args.mb else documents(batch_mb, args.wrap)
        batch_shards = max(2, round(args.shards * batch_mb))
        results["batch"] = measure_batch(batch_texts, batch_shards, work, args.batch_repeats)
        del batch_texts

        results.update(measure_memory(args, work))

        total = write_shards(texts, work / "resume-in", shards)
        killed = run_batch_process(work / "resume-in", work / "resume-out", 2, kill_after_parts=max(1, shards // 3))
        run_batch_process(work / "resume-in", work / "resume-out", 2)
        written, unique = count_documents(work / "resume-out")
        results["resume"] = {"documents": total, "written": written, "unique": unique, "killed": killed["killed"]}
        print(
            f"\n## kill -9 after {max(1, shards // 3)} of {shards} parts, then resume\n\n"
            f"documents in: {total:,}; written: {written:,}; distinct: {unique:,}; "
            f"lost: {total - unique:,}; duplicated: {written - unique:,}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
