"""Benchmark the assistant end to end (`make benchmark`); prints every figure in one run.

What it does, in this order (the numbers are only comparable on the same machine):
1. starts an action server and a Rasa server on free loopback ports exactly as
   `make run` does (meso/tools/serve.py: SQLite tracker store in a temporary folder,
   in-memory lock store, REST channel), and times the Rasa server's start-up: from
   launch until the REST channel answers (model loaded);
2. end-to-end reply latency over the REST channel (client-side, request sent -> reply
   received) at 1, 10 and 50 concurrent conversations. Each conversation is a person:
   it sends its messages (`visitor_messages()` below: every FAQ question of the run is a
   different text) one at a time, waits for the reply, then "reads and types" for
   --think seconds on average (default 1 s) before the next message;
3. throughput: replies per second with 10 conversations and no think time (saturation);
   then load isolation: the p95 of 10 conversations alone, and again while a hostile sender
   floods FLOOD_MESSAGE (1,000 characters, 83 questions) at 5 messages a second;
   then (--scale-out N, default 2) the saturation again with N Rasa servers on this machine,
   the same model, action server and tracker store, each conversation kept on one server;
4. the Rasa server's memory (VmRSS and peak VmHWM from /proc/<pid>/status);
5. the floor: the in-process parse time of the same messages, those sent at 10
   conversations, in the same order (a fresh Agent.load + agent.parse_message, NLU
   only, no HTTP, no dialogue, no tracker store), and the ratio of the REST latency to it;
6. the model archive's size, and the training time, measured by timing
   `nice -n 10 rasa train --force --out <tmp dir>` (the full pipeline, with the project's
   config and data, not read from a file); --skip-train leaves it out.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import requests

from meso.tools import serve
from meso.tools.servers import write_endpoints

ROOT = serve.ROOT
# One visitor's conversation: a greeting, four FAQ questions (retrieval responses), the
# whole contraindication check (form + action server), thanks and goodbye. Real visitors
# word their questions each their own way, so every FAQ question of a run is a different
# text (a question below with an opening and an ending, drawn without replacement): none
# is answered from the sentence encoder's cache, which a script repeating the same
# sentences would measure instead. Short answers ("no", "hi") repeat, as they do in life.
# These phrasings are written for the benchmark: not training data, not an evaluation set.
FAQ_QUESTIONS = [
    "what is mesotherapy",
    "can you explain what meso is",
    "is mesotherapy a kind of surgery",
    "how does the treatment actually work",
    "what does it do to the skin exactly",
    "what are the benefits for my face",
    "would it help with dull tired skin",
    "does it hurt",
    "how painful are the injections",
    "how many sessions would I need",
    "how often do people come back for treatments",
    "what are the side effects",
    "is it risky at all",
    "how is it different from fillers",
    "is this the same thing as lip filler",
    "is it better than liposuction",
    "how long do the results last",
    "are the results permanent",
    "how should I prepare for my appointment",
    "can I drink alcohol the night before",
    "what happens during a session",
    "how deep do the needles go",
    "what do you inject",
    "what is in the cocktail",
    "how much does it cost",
    "what are your prices",
    "who shouldn't have mesotherapy",
    "can pregnant women have it",
    "who invented mesotherapy",
    "how old is this treatment",
    "does it work for hair loss",
    "can it help my thinning hair",
    "does it get rid of cellulite",
    "can it melt belly fat",
    "what is the aftercare",
    "how long is the downtime",
    "will I be red afterwards",
    "can I wear makeup after",
    "does it help with pigmentation",
    "is it good for wrinkles",
]
OPENINGS = ["", "hi, ", "quick question: ", "sorry, ", "hello, ", "ok so ", "um ", "and "]
ENDINGS = ["", "?", " please", " thanks", "??", " :)", " x", "?!"]
GREETINGS = ["hello", "hi", "hi there", "hey", "good morning", "hello!"]
NO_ANSWERS = ["no", "nope", "no", "no I don't", "none of those", "no, not me"]
GOODBYES = ["thanks, bye", "thank you, goodbye", "ok thanks bye", "great, bye"]
START_CHECK = "/check_eligibility"
TURNS = 12  # greeting, 4 FAQs, start of the check, 5 answers, goodbye


class Questions:
    """Every FAQ text of a run, distinct, handed out in a seeded random order."""

    def __init__(self, seed: int) -> None:
        texts = [o + q + e for q in FAQ_QUESTIONS for o in OPENINGS for e in ENDINGS]
        random.Random(seed).shuffle(texts)
        self._texts = iter(texts)
        self._lock = threading.Lock()

    def take(self, count: int) -> List[str]:
        """The next `count` texts (StopIteration after 2,560: enough for every level)."""
        with self._lock:
            return [next(self._texts) for _ in range(count)]


def visitor_messages(rng: random.Random, questions: Questions) -> List[Tuple[str, bool]]:
    """One visitor's messages, each with whether it is a turn of the check."""
    turns = [(rng.choice(GREETINGS), False)]
    turns += [(text, False) for text in questions.take(4)]
    turns += [(START_CHECK, True)] + [(rng.choice(NO_ANSWERS), True) for _ in range(5)]
    turns.append((rng.choice(GOODBYES), False))
    assert len(turns) == TURNS
    return turns


LEVELS = {1: 4, 10: 2, 50: 1}  # concurrent conversations -> conversations each runs
TARGETS = {
    "p95_10_ms": 100.0,
    "p95_ratio": 3.0,
    "rps": 40.0,
    "rss_mb": 1200.0,
    "train_s": 300.0,
    "flood_ratio": 2.0,
    # issue #12 (the check and safety): the same measures, its own bars
    "p95_ratio_issue12": 3.5,
    "rps_issue12": 100.0,
}
# A hostile visitor's message: as long as allowed, packed with short questions.
FLOOD_MESSAGE = " ".join(["is it safe?", "does it hurt?", "how long?", "what is it?"] * 25)[:1000]
FLOOD_RATE = 5.0  # messages a second in all (nginx's allowance per client)
FLOOD_SENDERS = 2  # connections sharing that rate (a reply may take longer than 1/rate)


@dataclass
class Level:
    """Latencies (seconds) and wall time of one load level."""

    concurrency: int
    latencies: List[float] = field(default_factory=list)
    check_turn: List[bool] = field(default_factory=list)
    texts: List[str] = field(default_factory=list)  # every message sent, in order
    errors: int = 0
    wall: float = 0.0

    def pct(self, q: float, check: Optional[bool] = None) -> float:
        """A percentile of the latencies (all, or check / other turns only), in ms."""
        values = [
            latency
            for latency, is_check in zip(self.latencies, self.check_turn, strict=True)
            if check is None or is_check == check
        ]
        return percentile(values, q) * 1000

    @property
    def rps(self) -> float:
        """Replies per second over the level's wall time."""
        return len(self.latencies) / self.wall if self.wall else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def free_port() -> int:
    """A free loopback TCP port."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_level(
    url: str | Sequence[str],
    concurrency: int,
    conversations: int,
    think: float,
    seed: int,
    questions: Questions,
) -> Level:
    """Run `concurrency` visitors, each through `conversations` conversations.

    With several URLs (several Rasa servers), each visitor always talks to the same one, as
    a load balancer that keeps a conversation on one server does.
    """
    level = Level(concurrency)
    lock = threading.Lock()
    urls = [url] if isinstance(url, str) else list(url)

    def visitor(number: int) -> None:
        """One simulated visitor with its own HTTP connection."""
        rng = random.Random(seed * 1000 + number)
        url = urls[number % len(urls)]
        with requests.Session() as http:
            for conversation in range(conversations):
                sender = f"bench-{seed}-{concurrency}-{number}-{conversation}"
                if think:
                    time.sleep(rng.uniform(0, think))  # visitors arrive spread out
                for text, is_check in visitor_messages(rng, questions):
                    with lock:
                        level.texts.append(text)
                    started = time.perf_counter()
                    try:
                        reply = http.post(
                            url, json={"sender": sender, "message": text}, timeout=120
                        )
                        ok = reply.status_code == 200 and bool(reply.json())
                    except requests.RequestException:
                        ok = False
                    elapsed = time.perf_counter() - started
                    with lock:
                        if ok:
                            level.latencies.append(elapsed)
                            level.check_turn.append(is_check)
                        else:
                            level.errors += 1
                    if think:
                        time.sleep(rng.uniform(0.5 * think, 1.5 * think))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(visitor, range(concurrency)))
    level.wall = time.perf_counter() - started
    return level


def scale_out(
    servers: int,
    model: Path,
    action_port: int,
    endpoints: Path,
    workdir: Path,
    procs: List[subprocess.Popen],
    first_url: str,
) -> Optional[List[str]]:
    """Start servers - 1 more Rasa servers beside the first; their webhook URLs, all of them.

    The same model, action server and tracker store (SQLite in WAL mode takes several
    processes). Each conversation stays on one server, so the in-memory lock store of each
    is enough here; deploy/ puts nginx and the Redis lock store in front instead.
    """
    if servers < 2:
        return None
    urls = [first_url]
    for index in range(1, servers):
        port = free_port()
        procs.append(
            serve.start_rasa_server(
                port,
                model,
                action_port=action_port,
                endpoints=endpoints,
                extra_env={"RASA_TELEMETRY_ENABLED": "false"},
                log=workdir / f"rasa{index}.log",
            )
        )
        serve.wait_ready(f"http://127.0.0.1:{port}/webhooks/rest/", timeout=600, proc=procs[-1])
        urls.append(f"http://127.0.0.1:{port}/webhooks/rest/webhook")
    return urls


def flood_isolation(url: str, think: float, questions: Questions) -> Tuple[Level, Level, int]:
    """10 conversations alone, then the same beside one sender flooding packed messages.

    FLOOD_SENDERS connections send FLOOD_MESSAGE at FLOOD_RATE a second in all (nginx's
    allowance per client in deploy/nginx.conf), each message in a new conversation; each
    connection waits for its reply, then for the rest of its interval.
    """
    calm = run_level(url, 10, 1, think, 3, questions)
    stop = threading.Event()
    sent = [0]

    def flood() -> None:
        with requests.Session() as http:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    http.post(url, json={"sender": f"flood-{sent[0]}", "message": FLOOD_MESSAGE},
                              timeout=120)  # fmt: skip
                except requests.RequestException:
                    pass
                sent[0] += 1
                stop.wait(max(0.0, FLOOD_SENDERS / FLOOD_RATE - (time.perf_counter() - started)))

    flooders = [threading.Thread(target=flood, daemon=True) for _ in range(FLOOD_SENDERS)]
    for thread in flooders:
        thread.start()
    try:
        flooded = run_level(url, 10, 1, think, 4, questions)
    finally:
        stop.set()
        for thread in flooders:
            thread.join(timeout=130)
    return calm, flooded, sent[0]


def proc_tree(pid: int) -> List[int]:
    """A process and its live children."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    return pids


def proc_memory_mb(pid: int) -> Dict[str, float]:
    """VmRSS and VmHWM of a process (and its children), in MB."""
    totals = {"VmRSS": 0.0, "VmHWM": 0.0}
    for one in proc_tree(pid):
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            key = line.split(":")[0]
            if key in totals:
                totals[key] += int(line.split()[1]) / 1024
    return totals


def proc_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its live children (/proc/<pid>/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for one in proc_tree(pid):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a child that has just exited
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def self_cpu_seconds() -> float:
    """CPU seconds of this process (the load generator's threads)."""
    times = os.times()
    return times.user + times.system


def parse_floor(model: Path, texts: Sequence[str]) -> List[float]:
    """In-process parse time (seconds) of each message, in the order the server got them.

    A fresh Agent.load + parse_message, NLU only: each FAQ text is new to this process as it
    was to the server (the same work, embedding included), repeated short answers are
    cached here as they were there.
    """
    as_served = {
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "TF_NUM_INTRAOP_THREADS": "1",
    }
    for key, value in as_served.items():
        os.environ.setdefault(key, value)  # as meso/tools/serve.py starts the server
    import logging
    import warnings

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    warnings.filterwarnings("ignore")

    agent = Agent.load(str(model))

    async def measure() -> List[float]:
        """Parse each message once, after a warm-up on other texts (as the server had)."""
        for text in ("warming up", "a first question for the model", START_CHECK):
            await agent.parse_message(text)
        times = []
        for text in texts:
            started = time.perf_counter()
            await agent.parse_message(text)
            times.append(time.perf_counter() - started)
        return times

    return asyncio.run(measure())


def time_training(out: Path) -> float:
    """Seconds taken by a full `rasa train --force` into a temporary folder."""
    started = time.perf_counter()
    subprocess.run(  # niced: no effect on an idle machine, spares a shared one
        ["nice", "-n", "10", serve.rasa_bin(), "train", "--force", "--out", str(out)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2"),
    )
    return time.perf_counter() - started


def load_average() -> str:
    """The 1-minute load average (other work on the machine skews every figure)."""
    return Path("/proc/loadavg").read_text().split()[0]


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    """'ok' or 'MISSED' against a target."""
    good = value <= target if lower_is_better else value >= target
    return "ok" if good else "MISSED"


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="default: what `make run` serves")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, seconds")
    parser.add_argument("--saturation-messages", type=int, default=360)
    parser.add_argument("--skip-train", action="store_true", help="do not time a training")
    parser.add_argument(
        "--scale-out",
        type=int,
        default=2,
        metavar="N",
        help="also measure saturation with N Rasa servers on this machine (0: skip)",
    )
    args = parser.parse_args(argv)

    model = args.model or serve.published_or_newest_model()
    if model is None:
        print("benchmark: no trained model in models/ (run `make train` first)")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="meso-bench-"))
    # the tracker store `make run` uses (endpoints.yml), in a temporary folder
    endpoints = write_endpoints(workdir / "endpoints.yml", workdir / "tracker.db")
    action_port, rasa_port = free_port(), free_port()
    env = {"RASA_TELEMETRY_ENABLED": "false"}
    procs = []
    print(
        f"benchmark: model {model.name}, {os.cpu_count()} CPUs, think time {args.think:g}s, "
        f"load average {load_average()}",
        flush=True,
    )
    try:
        procs.append(serve.start_action_server(action_port, log=workdir / "actions.log"))
        serve.wait_ready(f"http://127.0.0.1:{action_port}/health", proc=procs[-1])
        started = time.perf_counter()
        rasa = serve.start_rasa_server(
            rasa_port, model, action_port=action_port, endpoints=endpoints,
            extra_env=env, log=workdir / "rasa.log",
        )  # fmt: skip
        procs.append(rasa)
        serve.wait_ready(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", timeout=600, proc=rasa)
        startup = time.perf_counter() - started
        url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"

        questions = Questions(seed=7)  # one supply: no FAQ text is sent twice in a run
        run_level(url, 2, 1, 0.0, 0, questions)  # warm-up: first calls load lazily
        levels = [run_level(url, c, n, args.think, 1, questions) for c, n in LEVELS.items()]
        per_visitor = max(1, args.saturation_messages // (10 * TURNS))
        before = [proc_cpu_seconds(rasa.pid), proc_cpu_seconds(procs[0].pid), self_cpu_seconds()]
        saturation = run_level(url, 10, per_visitor, 0.0, 2, questions)
        after = [proc_cpu_seconds(rasa.pid), proc_cpu_seconds(procs[0].pid), self_cpu_seconds()]
        replies = max(1, len(saturation.latencies))
        cpu_ms = [(b - a) * 1000 / replies for a, b in zip(before, after)]
        memory = proc_memory_mb(rasa.pid)
        calm, flooded, flood_sent = flood_isolation(url, args.think, questions)
        scaled: Optional[Level] = None
        urls = scale_out(args.scale_out, model, action_port, endpoints, workdir, procs, url)
        if urls is not None:
            run_level(urls[1:], 2, 1, 0.0, 0, questions)  # warm-up of the new servers
            scaled = run_level(urls, 10, per_visitor, 0.0, 3, questions)
    finally:
        serve.stop(procs)

    ten = next(level for level in levels if level.concurrency == 10)
    floor = parse_floor(model, ten.texts)
    floor_p50, floor_p95 = percentile(floor, 50) * 1000, percentile(floor, 95) * 1000
    train_seconds: Optional[float] = None
    if not args.skip_train:
        print("benchmark: timing `rasa train --force` (full training) ...", flush=True)
        train_seconds = time_training(workdir / "models")
    shutil.rmtree(workdir, ignore_errors=True)

    print("\n== End-to-end reply latency, REST channel (ms) ==")
    print(
        f"{'conversations':>14} {'replies':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'replies/s':>10}"
    )
    for level in levels:
        print(
            f"{level.concurrency:>14} {len(level.latencies):>8} {level.pct(50):>8.1f} "
            f"{level.pct(95):>8.1f} {level.pct(99):>8.1f} {level.rps:>10.1f}"
            + (f"  ({level.errors} errors)" if level.errors else "")
        )
    print(
        f"{'10, no think':>14} {len(saturation.latencies):>8} {saturation.pct(50):>8.1f} "
        f"{saturation.pct(95):>8.1f} {saturation.pct(99):>8.1f} {saturation.rps:>10.1f}"
        "  <- saturation (throughput)"
    )
    cores = os.cpu_count() or 1
    print(
        f"CPU per reply at saturation: Rasa server {cpu_ms[0]:.1f} ms, action server "
        f"{cpu_ms[1]:.1f} ms, this load generator {cpu_ms[2]:.1f} ms; all {sum(cpu_ms):.1f} ms, "
        f"so {cores} cores cap this run at {cores * 1000 / sum(cpu_ms):.0f} replies/s"
    )
    print("\n== The same, by kind of turn: FAQ/small talk | contraindication check (ms) ==")
    for level in [*levels, saturation]:
        faq = f"p50 {level.pct(50, False):>7.1f} p95 {level.pct(95, False):>7.1f}"
        check = f"p50 {level.pct(50, True):>7.1f} p95 {level.pct(95, True):>7.1f}"
        note = "  (no think)" if level is saturation else ""
        print(f"{level.concurrency:>14} {faq} | {check}{note}")
    ratio50, ratio95 = ten.pct(50) / floor_p50, ten.pct(95) / floor_p95
    print("\n== Load isolation: 10 conversations, alone and beside a flood (ms) ==")
    print(f"flood: {FLOOD_RATE:g} messages/s, each {len(FLOOD_MESSAGE)} characters packed with "
          f"{FLOOD_MESSAGE.count('?')} questions ({flood_sent} sent)")  # fmt: skip
    isolation = flooded.pct(95) / calm.pct(95)
    print(f"p95 alone {calm.pct(95):.1f}, beside the flood {flooded.pct(95):.1f}: x{isolation:.2f}")
    if scaled is not None:
        print(f"\n== Scale-out on this machine: {args.scale_out} Rasa servers, one action server, "
              "one tracker store ==")  # fmt: skip
        print("10 conversations, no think, each kept on one server: "
              f"p50 {scaled.pct(50):.1f} ms, p95 {scaled.pct(95):.1f} ms, "
              f"{scaled.rps:.1f} replies/s (one server: {saturation.rps:.1f})"
              + (f"  ({scaled.errors} errors)" if scaled.errors else ""))  # fmt: skip
    print("\n== Floor: in-process parse (Agent.load + parse_message), same messages ==")
    print(
        f"p50 {floor_p50:.1f} ms, p95 {floor_p95:.1f} ms, p99 {percentile(floor, 99) * 1000:.1f} ms"
    )
    print(f"REST/in-process at 10 conversations: p50 x{ratio50:.1f}, p95 x{ratio95:.1f}")
    print("\n== Resources ==")
    print(f"Rasa server memory: RSS {memory['VmRSS']:.0f} MB (peak {memory['VmHWM']:.0f} MB)")
    print(f"model size: {model.stat().st_size / 1e6:.1f} MB ({model.name})")
    print(f"start-up (launch -> REST channel ready, model loaded): {startup:.1f} s")
    if train_seconds is not None:
        print(f"training (timed `rasa train --force` into a temp folder): {train_seconds:.0f} s")
    else:
        print("training: not measured (--skip-train)")
    print(f"load average at the end: {load_average()} (over {os.cpu_count()} means contention)")
    print("\n== Targets ==")
    print(f"p95 at 10 conversations < {TARGETS['p95_10_ms']:.0f} ms: {ten.pct(95):.1f} "
          f"{verdict(ten.pct(95), TARGETS['p95_10_ms'])}")  # fmt: skip
    print(f"p95 at 10 conversations <= {TARGETS['p95_ratio']:.0f}x floor: x{ratio95:.1f} "
          f"{verdict(ratio95, TARGETS['p95_ratio'])}")  # fmt: skip
    print(f"replies/s >= {TARGETS['rps']:.0f}: {saturation.rps:.1f} "
          f"{verdict(saturation.rps, TARGETS['rps'], lower_is_better=False)}")  # fmt: skip
    print(f"issue #12: p95 at 10 conversations <= {TARGETS['p95_ratio_issue12']:.1f}x floor: "
          f"x{ratio95:.1f} {verdict(ratio95, TARGETS['p95_ratio_issue12'])}")  # fmt: skip
    print(f"issue #12: replies/s >= {TARGETS['rps_issue12']:.0f}: {saturation.rps:.1f} "
          f"{verdict(saturation.rps, TARGETS['rps_issue12'], lower_is_better=False)}")  # fmt: skip
    if scaled is not None:
        print(f"issue #12, scale-out ({args.scale_out} Rasa servers): replies/s >= "
              f"{TARGETS['rps_issue12']:.0f}: {scaled.rps:.1f} "
              f"{verdict(scaled.rps, TARGETS['rps_issue12'], lower_is_better=False)}")  # fmt: skip
    print(f"server memory < {TARGETS['rss_mb']:.0f} MB: {memory['VmHWM']:.0f} "
          f"{verdict(memory['VmHWM'], TARGETS['rss_mb'])}")  # fmt: skip
    print(f"p95 beside a flood <= {TARGETS['flood_ratio']:.0f}x alone: x{isolation:.2f} "
          f"{verdict(isolation, TARGETS['flood_ratio'])}")  # fmt: skip
    if train_seconds is not None:
        print(f"training < {TARGETS['train_s']:.0f} s: {train_seconds:.0f} "
              f"{verdict(train_seconds, TARGETS['train_s'])}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
