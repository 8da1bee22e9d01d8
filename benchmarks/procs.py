"""Run a command as a new process and measure it: wall time, CPU time, and the peak resident
memory of the process and of each of its descendants (workers).

Peak memory comes from two sources that agree where both apply: the kernel's high-water mark
VmHWM of every process of the tree, sampled from /proc while it runs (per process, so per worker),
and ru_maxrss from wait4() for the whole tree (the largest process, including waited-for children).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, the process and its waited-for children
    code: int
    maxrss_mb: float  # ru_maxrss of the tree (largest process)
    peaks_mb: dict[int, float] = field(default_factory=dict)  # pid -> VmHWM, descendants only
    root_peak_mb: float = 0.0
    stdout: str = ""
    stderr: str = ""
    started: float = 0.0  # time.time() at the start, to place the files the run wrote
    cpu_timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds in, CPU of the tree)

    def cpu_at(self, t: float) -> float:
        """The tree's CPU seconds `t` seconds into the run, interpolated between samples."""
        points = [(0.0, 0.0), *self.cpu_timeline, (self.wall, self.cpu)]
        for (t0, c0), (t1, c1) in itertools.pairwise(points):
            if t <= t1:
                return c0 + (c1 - c0) * (t - t0) / (t1 - t0) if t1 > t0 else c1
        return self.cpu

    @property
    def worker_peak_mb(self) -> float:
        """The largest worker: a descendant if there were any, else the process itself."""
        return max(self.peaks_mb.values()) if self.peaks_mb else max(self.root_peak_mb, self.maxrss_mb)


TICK = os.sysconf("SC_CLK_TCK")


def _children_map(cpu: dict[int, float] | None = None) -> dict[int, list[int]]:
    """Each process's children; in `cpu`, each one's CPU seconds with its reaped children's."""
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        kids.setdefault(int(fields[1]), []).append(int(entry.name))
        if cpu is not None:  # utime, stime, cutime, cstime
            cpu[int(entry.name)] = sum(int(x) for x in fields[11:15]) / TICK
    return kids


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class _Sampler(threading.Thread):
    def __init__(self, root: int, interval: float):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peaks: dict[int, float] = {}
        self.root_peak = 0.0
        self.done = threading.Event()
        self.t0 = time.perf_counter()
        self.timeline: list[tuple[float, float]] = []

    def run(self) -> None:
        while not self.done.is_set():
            if (hwm := _hwm_mb(self.root)) is not None:
                self.root_peak = max(self.root_peak, hwm)
            cpu: dict[int, float] = {}
            kids = _children_map(cpu)
            if self.root in cpu:  # the live tree's CPU: each process's own and its reaped children's
                tree = [self.root, *_descendants(kids, self.root)]
                self.timeline.append((time.perf_counter() - self.t0, sum(cpu.get(p, 0.0) for p in tree)))
            stack, seen = list(kids.get(self.root, [])), set()
            while stack:
                pid = stack.pop()
                if pid in seen:
                    continue
                seen.add(pid)
                if (hwm := _hwm_mb(pid)) is not None:
                    self.peaks[pid] = max(self.peaks.get(pid, 0.0), hwm)
                stack += kids.get(pid, [])
            self.done.wait(self.interval)


def _descendants(kids: dict[int, list[int]], root: int) -> list[int]:
    found, stack = [], list(kids.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack += kids.get(pid, [])
    return found


def run(
    cmd: list[str],
    cwd: Path | None = None,
    sample: bool = True,
    interval: float = 0.05,
    env: dict[str, str] | None = None,
) -> Run:
    started, t0 = time.time(), time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    sampler = _Sampler(p.pid, interval) if sample else None
    if sampler:
        sampler.t0 = t0
    if sampler:
        sampler.start()
    # read the pipes in threads so that a chatty child never blocks on a full pipe
    out: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda k=k, f=f: out.__setitem__(k, f.read()), daemon=True)
        for k, f in (("out", p.stdout), ("err", p.stderr))
    ]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    if sampler:
        sampler.done.set()
        sampler.join()
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        code=p.returncode,
        maxrss_mb=usage.ru_maxrss / 1024,
        peaks_mb=dict(sampler.peaks) if sampler else {},
        root_peak_mb=sampler.root_peak if sampler else 0.0,
        stdout=out.get("out", b"").decode(errors="replace"),
        stderr=out.get("err", b"").decode(errors="replace"),
        started=started,
        cpu_timeline=list(sampler.timeline) if sampler else [],
    )
