"""`dorost serve` under load: bursts of concurrent requests from a bounded loopback load generator.

Starts ``python -m dorost serve`` on a free loopback port (with ``--flags`` passed through), then
sends ``--rounds`` bursts of ``--concurrent`` requests at once, each ``POST /api/fix`` on its own
connection, the bodies cut from real Persian running text in ``../shared/corpora`` (a short damaged
sentence when that is missing). Optionally ``--stalled`` clients hold half-sent request heads open
through the bursts (slowloris; the server's ``--header-timeout`` closes them), and are counted
``--stall-wait`` seconds after they connected: closed with 408, closed, or still open. Reports:

- requests answered and refused, by status; anything that was not answered (connection error,
  timeout) is counted apart and means the server failed the load;
- latency (send to full answer) median and 95th percentile, for all answers and for the 200s;
- the server's resident memory (its process and its worker processes: now and peak) and the CPU
  seconds they spent (``/proc``, Linux only);
- whether the server still answers ``/api/health`` with nothing in flight afterwards.

    python benchmarks/server_load.py                                      # serve's defaults
    python benchmarks/server_load.py --flags "--max-pending 200 --timeout 120" --stalled 50

The load generator runs in this process (asyncio, one connection per request, at most
``--concurrent`` at once) and talks only to 127.0.0.1. On a shared machine run it at low priority
and compare CPU seconds rather than wall times.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import statistics
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from web_server import ServerDidNotStart, started_server  # noqa: E402  (one way to start and stop a server)

CORPUS = REPO.parent / "shared" / "corpora" / "http-explained-fa" / "text.txt"
SENTENCE = "اين كتاب &ndash; بسيار خوب است ."
LINES_PER_BODY = 5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer (connection refused, reset or timed out)
    seconds: float


def bodies(count: int) -> list[bytes]:
    """``count`` JSON bodies of a few lines of real text each (cycled), or the short sentence."""
    if CORPUS.is_file():
        lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = ["\n".join(lines[i : i + LINES_PER_BODY]) for i in range(0, len(lines), LINES_PER_BODY)]
    else:
        texts = [SENTENCE]
    return [json.dumps({"text": texts[i % len(texts)]}, ensure_ascii=False).encode() for i in range(count)]


async def post(port: int, body: bytes, timeout: float) -> Answer:
    started = time.perf_counter()
    head = (
        f"POST /api/fix HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode("ascii")
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                writer.write(head + body)
                await writer.drain()
                answer = await reader.read()  # Connection: close: the answer ends with the connection
            finally:
                writer.close()
    except (OSError, TimeoutError):
        return Answer(0, time.perf_counter() - started)
    status_line = answer.split(b"\r\n", 1)[0].split()
    status = int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 0
    return Answer(status, time.perf_counter() - started)


async def stall(port: int, count: int) -> list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    """``count`` connections that send half a request head and nothing more."""
    held = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /api/fix HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
        held.append((reader, writer))
    return held


async def closed_by_server(
    held: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]], deadline: float
) -> Counter[str]:
    """How the stalled connections ended by ``deadline`` (loop time): closed with 408, closed
    without an answer, or still open."""
    loop = asyncio.get_running_loop()
    ends: Counter[str] = Counter()
    for reader, _ in held:
        try:
            answer = await asyncio.wait_for(reader.read(), max(0.0, deadline - loop.time()))
        except TimeoutError:
            ends["still open"] += 1
        except OSError:
            ends["reset"] += 1
        else:
            ends["closed with 408" if answer.startswith(b"HTTP/1.1 408") else "closed"] += 1
    return ends


async def load(
    port: int, concurrent: int, rounds: int, stalled: int, stall_wait: float, timeout: float
) -> tuple[list[Answer], Counter[str]]:
    loop = asyncio.get_running_loop()
    held = await stall(port, stalled)
    deadline = loop.time() + stall_wait
    payloads = bodies(concurrent * rounds)
    answers: list[Answer] = []
    try:
        for index in range(rounds):
            burst = payloads[index * concurrent : (index + 1) * concurrent]
            answers += await asyncio.gather(*(post(port, body, timeout) for body in burst))
        ends = await closed_by_server(held, deadline)
    finally:
        for _, writer in held:
            writer.close()
    return answers, ends


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    tree = [pid]
    for member in tree:
        for task in Path(f"/proc/{member}/task").glob("*"):
            try:
                tree += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return tree


def memory_and_cpu(pid: int) -> dict[str, float]:
    """Resident memory now and at its peak (MB, summed over the tree; the peak of the server's own
    process apart) and CPU seconds spent."""
    rss = peak = cpu = own_peak = 0.0
    processes = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
            stat = Path(f"/proc/{member}/stat").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss += int(fields["VmRSS"].split()[0]) / 1024
        peak += int(fields["VmHWM"].split()[0]) / 1024
        if member == pid:
            own_peak = int(fields["VmHWM"].split()[0]) / 1024
        ticks = stat.rsplit(")", 1)[1].split()
        cpu += (int(ticks[11]) + int(ticks[12])) / CLOCK_TICKS  # utime, stime
        processes += 1
    return {
        "processes": processes,
        "rss_mb": round(rss, 1),
        "peak_rss_mb": round(peak, 1),
        "server_process_peak_rss_mb": round(own_peak, 1),
        "cpu_s": round(cpu, 2),
    }


def health(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url + "/api/health", timeout=10) as answer:
        return dict(json.load(answer))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def summary(answers: list[Answer]) -> dict[str, object]:
    def latency(subset: list[Answer]) -> dict[str, float]:
        seconds = [answer.seconds for answer in subset]
        if not seconds:
            return {}
        return {"median_s": round(statistics.median(seconds), 3), "p95_s": round(percentile(seconds, 0.95), 3)}

    statuses = Counter(answer.status for answer in answers)
    return {
        "requests": len(answers),
        "answered": sum(count for status, count in statuses.items() if status),
        "unanswered": statuses.get(0, 0),
        "statuses": {str(status): count for status, count in sorted(statuses.items()) if status},
        "latency_all": latency([answer for answer in answers if answer.status]),
        "latency_200": latency([answer for answer in answers if answer.status == 200]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrent", type=int, default=200, help="requests at once in each burst")
    parser.add_argument("--rounds", type=int, default=3, help="bursts, one after the other")
    parser.add_argument("--stalled", type=int, default=0, help="half-sent request heads held open meanwhile")
    parser.add_argument(
        "--stall-wait", type=float, default=15.0, help="seconds after the stalled clients connect to see them closed"
    )
    parser.add_argument("--flags", default="", help="flags for dorost serve, as one string")
    parser.add_argument("--timeout", type=float, default=300.0, help="client's limit per request, seconds")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()

    try:
        with started_server(*shlex.split(options.flags), wait_s=60.0) as server:
            before = memory_and_cpu(server.process.pid)
            started = time.perf_counter()
            answers, ends = asyncio.run(
                load(
                    server.port,
                    options.concurrent,
                    options.rounds,
                    options.stalled,
                    options.stall_wait,
                    options.timeout,
                )
            )
            wall = time.perf_counter() - started
            after = memory_and_cpu(server.process.pid)
            state = health(server.url)
            command = ["-m", "dorost", "serve", "--port", str(server.port), *shlex.split(options.flags)]
            errors = [line for line in server.log_text().splitlines() if "Traceback" in line]
    except ServerDidNotStart as error:
        raise SystemExit(str(error)) from None
    figures = {
        "command": shlex.join(command),
        "concurrent": options.concurrent,
        "rounds": options.rounds,
        "stalled": options.stalled,
        "body_bytes_median": statistics.median(len(body) for body in bodies(options.concurrent)),
        **summary(answers),
        "stalled_after_wait": dict(ends),
        "wall_s": round(wall, 2),
        "server_before": before,
        "server_after": after,
        "server_cpu_s_under_load": round(after["cpu_s"] - before["cpu_s"], 2),
        "up_afterwards": state.get("status") == "ok" and state.get("busy") == 0,
        "tracebacks_in_log": len(errors),
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
