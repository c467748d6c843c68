#!/usr/bin/env python3
"""Time `qbank validate BANK` for several builds or settings, interleaved, and print medians.

usage: load_times.py RUNS BANK LABEL=BINARY[,VAR=VALUE...] ...

Each round runs every variant once, in an order rotated per round, so a busy machine's load
falls on all of them alike. Prints the median and the range of the wall times in milliseconds,
and the load average before and after. Every run must exit 0 (the bank must be valid).
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs, bank, specs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    variants = []
    for spec in specs:
        label, rest = spec.split("=", 1)
        binary, *settings = rest.split(",")
        env = dict(os.environ)
        env.update(s.split("=", 1) for s in settings)
        variants.append((label, binary, env))
    times = {label: [] for label, _, _ in variants}
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for round_ in range(runs + 1):
        k = round_ % len(variants)
        for label, binary, env in variants[k:] + variants[:k]:
            start = time.perf_counter()
            subprocess.run([binary, "validate", bank], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if round_ > 0:  # the first round warms the page cache
                times[label].append((time.perf_counter() - start) * 1000)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for label, values in times.items():
        print(f"{label}: median {statistics.median(values):.0f} ms "
              f"(min {min(values):.0f}, max {max(values):.0f}, {len(values)} runs)")


if __name__ == "__main__":
    main()
