#!/usr/bin/env python3
"""Time to first frame and memory of a terminal program, measured in tmux.

    tools/first_frame.py [--runs N] [--size 160x48] MARKER -- COMMAND...

Starts COMMAND in a detached tmux window of the given size, polls the pane every 2 ms until its text
contains MARKER (the first frame is drawn), and prints the elapsed time and the process's resident
memory then and one second later (VmRSS from /proc). The best and the median of N runs are printed;
the window is killed after each run. Used for the library numbers in the README: sahifa opening a
100,000-article library against newsboat opening the same articles from its cache.
"""
import os
import statistics
import subprocess
import sys
import time


def rss_kb(pane_pid):
    # The program is the pane's shell's child when tmux runs it through a shell; take the largest.
    pids = [pane_pid]
    try:
        out = subprocess.run(["pgrep", "-P", str(pane_pid)], capture_output=True, text=True).stdout
        pids += [int(p) for p in out.split()]
    except OSError:
        pass
    best = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        best = max(best, int(line.split()[1]))
        except OSError:
            pass
    return best


def one(marker, cmd, size, run):
    w, h = size.split("x")
    name = f"ff{os.getpid()}-{run}"
    t0 = time.perf_counter()
    subprocess.run(["tmux", "-L", "sahifa-first-frame", "new-session", "-d", "-s", name, "-x", w, "-y", h, "--", *cmd], check=True)
    pid = int(subprocess.run(["tmux", "-L", "sahifa-first-frame", "display", "-p", "-t", name, "#{pane_pid}"], capture_output=True, text=True).stdout)
    try:
        while True:
            text = subprocess.run(["tmux", "-L", "sahifa-first-frame", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if marker in text:
                elapsed = time.perf_counter() - t0
                break
            if time.perf_counter() - t0 > 120:
                raise SystemExit(f"no first frame in 120 s; pane:\n{text}")
            time.sleep(0.002)
        at_frame = rss_kb(pid)
        time.sleep(1)
        settled = rss_kb(pid)
    finally:
        subprocess.run(["tmux", "-L", "sahifa-first-frame", "kill-session", "-t", name], capture_output=True)
        # Wait for the program to be gone (newsboat writes its cache and lock on the way out).
        while os.path.exists(f"/proc/{pid}"):
            time.sleep(0.05)
    return elapsed, at_frame, settled


def main():
    args = sys.argv[1:]
    runs, size = 5, "160x48"
    while args and args[0].startswith("--"):
        if args[0] == "--runs":
            runs, args = int(args[1]), args[2:]
        elif args[0] == "--size":
            size, args = args[1], args[2:]
        else:
            break
    marker, rest = args[0], args[1:]
    if rest and rest[0] == "--":
        rest = rest[1:]
    results = [one(marker, rest, size, k) for k in range(runs)]
    times = sorted(r[0] for r in results)
    print(f"first frame: best {times[0] * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms over {runs} runs")
    print(f"RSS at first frame: {max(r[1] for r in results) / 1024:.1f} MB; 1 s later: {max(r[2] for r in results) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
