"""End to end: `estimates run` on N generated articles: wall time, articles/s, CPU time, peak memory.

Each run is a fresh `estimates run` process on a fresh database, as a user would start it. Peak
memory is the largest total resident memory of the process and all its descendants (Prefect's
temporary API server, process-pool workers), sampled from /proc (Linux only) as proportional set size:
pages the processes share (the libraries each maps) count once. Reading that size walks a process's
page tables (20 ms for 1 GB), so it is read once a second, and sooner when the cheap resident size,
read every 100 ms, reaches a new high; the sampler's own CPU time is printed. CPU time
is user + system of the process and its descendants. Prefect's fixed start-up is the wall time of
the same command on an empty folder (Python imports, the temporary server, one flow run, the empty
exports): it is reported on its own and subtracted for the steady-state rate.

    .venv/bin/python benchmarks/run.py 10000 100000 [--repeat 1] [-- --batch-size 1000 ...]

Arguments after `--` go to `estimates run`. Corpora come from benchmarks/corpus.py (generated into
data/bench/ when missing); databases, exports and Prefect's home go under data/bench/ too.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: import the corpus generator
import corpus  # noqa: E402

ROOT = corpus.ROOT
WORK = corpus.DEFAULT_OUT
ESTIMATES = [sys.executable, "-c", "from flows.cli import main; main()"]


def descendants(pid: int) -> list[int]:
    """pid and every process below it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    # The command name may hold spaces: fields are counted after its closing parenthesis.
                    ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    tree, stack = [], [pid]
    while stack:
        tree.append(current := stack.pop())
        stack.extend(children.get(current, []))
    return tree


def role(pid: int, root: int) -> str:
    """What a process of the tree is: the run itself, Prefect's API server, or an extraction worker."""
    if pid == root:
        return "run"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            command = cmdline.read()
    except OSError:
        return "other"
    return "server" if b"uvicorn" in command else "workers" if b"multiprocessing" in command else "other"


def resident_bytes(pids: list[int], root: int) -> dict[str, int]:
    """Proportional resident bytes (PSS) of the processes, summed by role: a page shared by several
    processes (the libraries every Python process of the run maps) counts once in the total, where
    summed RSS counts it in each."""
    total: dict[str, int] = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                size = next(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue  # the process ended between listing and reading
        name = role(pid, root)
        total[name] = total.get(name, 0) + size
    return total


PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes(pids: list[int]) -> int:
    """Summed resident bytes of the processes (shared pages counted in each): cheap, from statm."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


class PeakMemory(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peak of the whole tree, how that
    peak divided between the roles, and each role's own peak.

    The proportional sizes are read every `every_pss` seconds, and sooner (after three ticks of `every`)
    when the summed resident size passes its highest so far by 2 %: a sampler reading them every 100 ms
    took a fifth of a core from the run it measured.
    """

    def __init__(self, pid: int, every: float = 0.1, every_pss: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.every_pss, self.peak = pid, every, every_pss, 0
        self.at_peak: dict[str, int] = {}
        self.role_peaks: dict[str, int] = {}
        self.stopped = threading.Event()
        self.cpu = 0.0  # the sampler's own CPU seconds

    def run(self) -> None:
        start = time.thread_time()
        highest_rss, last_pss = 0, -self.every_pss
        while not self.stopped.is_set():
            pids = descendants(self.pid)
            rss = rss_bytes(pids)
            since = time.monotonic() - last_pss
            if (rss > highest_rss * 1.02 and since >= 3 * self.every) or since >= self.every_pss:
                highest_rss, last_pss = max(highest_rss, rss), time.monotonic()
                self.sample(pids)
            self.stopped.wait(self.every)
        self.cpu = time.thread_time() - start

    def sample(self, pids: list[int]) -> None:
        roles = resident_bytes(pids, self.pid)
        if sum(roles.values()) > self.peak:
            self.peak, self.at_peak = sum(roles.values()), roles
        for name, size in roles.items():
            self.role_peaks[name] = max(self.role_peaks.get(name, 0), size)


def run_once(paths: list[str], name: str, extra: list[str]) -> dict[str, float]:
    """One `estimates run` on paths into a fresh database: wall s, cpu s, peak MB, and its last line."""
    db, exports = WORK / f"{name}.duckdb", WORK / f"{name}-exports"
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(exports, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(WORK / ".prefect"),
           # On a loaded machine the temporary server can take longer than Prefect's default 20 s to
           # answer, and the run fails; the benchmark measures the pipeline, so it waits longer.
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [*ESTIMATES, "run", *paths, "--db", str(db), "--exports", str(exports), *extra]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    sampler = PeakMemory(process.pid)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - start
    sampler.stopped.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"estimates run failed ({process.returncode}):\n{output}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = next((line for line in output.splitlines() if line.startswith("Read ")), "")
    roles = ", ".join(f"{name} {sampler.at_peak.get(name, 0) / 1e6:.0f} (own peak {peak / 1e6:.0f})"
                      for name, peak in sorted(sampler.role_peaks.items()) if name != "other")
    return {"wall": wall, "cpu": cpu, "peak_mb": sampler.peak / 1e6, "summary": summary, "roles": roles,
            "sampler_cpu": sampler.cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, nargs="+", help="corpus sizes, e.g. 10000 100000")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest counts")
    parser.add_argument("--no-startup", action="store_true",
                        help="do not measure the start-up on an empty folder (art/s* then counts it)")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args, extra = parser.parse_args(argv[:split]), argv[split + 1:]  # after --: options for `estimates run`
    WORK.mkdir(parents=True, exist_ok=True)
    empty = WORK / "empty"
    empty.mkdir(exist_ok=True)
    print(f"command: estimates run CORPUS {' '.join(extra)}; cores: {os.cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    startup = {"wall": 0.0}
    if not args.no_startup:
        run_once([str(empty)], "startup", extra)  # first start migrates Prefect's database: not counted
        startup = min((run_once([str(empty)], "startup", extra) for _ in range(2)), key=lambda r: r["wall"])
        print(f"Prefect fixed start-up (empty input): {startup['wall']:.1f} s wall, "
              f"{startup['cpu']:.1f} s CPU, peak {startup['peak_mb']:.0f} MB ({startup['roles']})")
    print(f"{'articles':>9}{'wall s':>9}{'cpu s':>9}{'art/s':>8}{'art/s*':>8}{'peak MB':>9}  summary")
    for n in args.articles:
        folder = corpus.write(n)
        best = min((run_once([str(folder)], f"run-{n}", extra) for _ in range(args.repeat)),
                   key=lambda r: r["wall"])
        steady = n / max(best["wall"] - startup["wall"], 1e-9)
        print(f"{n:>9}{best['wall']:>9.1f}{best['cpu']:>9.1f}{n / best['wall']:>8.0f}{steady:>8.0f}"
              f"{best['peak_mb']:>9.0f}  {best['summary']}")
        print(f"{'':>9}MB at the peak: {best['roles']}; "
              f"the memory sampler took {best['sampler_cpu']:.1f} s CPU")
    print("art/s* excludes the fixed start-up. "
          f"Load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
