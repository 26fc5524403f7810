#!/usr/bin/env python3
"""CPU use of an `edw bench` run and of the JVM that hosts ElasticMQ and DynamoDB Local.

Usage: scripts/bench-cpu.py SERVER_PID LOG -- java -jar edw-cli/target/edw.jar bench ...

Runs the command, samples once a second (Linux /proc) the CPU of the bench JVM and of the server
JVM's threads, grouped by name (elasticmq-pekko* = ElasticMQ; qtp*, pool-* = DynamoDB Local; the
rest = GC, JIT), and the whole machine. Writes the bench's lines and the samples to LOG with
timestamps, then prints CPU per bench run (each run's window ends at its "run N ..." line).
100% is one core.
"""
import glob
import os
import re
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def thread_ticks(pid):
    out = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            comm = open(task + "/comm").read().strip()
            fields = open(task + "/stat").read().rsplit(")", 1)[1].split()
            out[task] = (comm, int(fields[11]) + int(fields[12]))
        except OSError:
            pass
    return out


def group(comm):
    c = comm.lower()
    if "elasticmq" in c or "pekko" in c:
        return "elasticmq"
    if c.startswith("qtp") or c.startswith("pool-") or "sqlite" in c:
        return "dynamodb"
    return "server-gc-jit"


def process_ticks(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return None


def machine_ticks():
    v = list(map(int, open("/proc/stat").readline().split()[1:]))
    return sum(v), v[3] + v[4]


def main():
    server, log_path, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[4:]
    keys = ["edw", "elasticmq", "dynamodb", "server-gc-jit", "machine"]
    samples, marks = [], []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    os.set_blocking(proc.stdout.fileno(), False)
    t0 = time.time()
    prev_threads, prev_bench, prev_machine = thread_ticks(server), 0, machine_ticks()
    with open(log_path, "w") as log:
        while True:
            time.sleep(1)
            now = time.time() - t0
            for line in iter(proc.stdout.readline, ""):
                if " INFO " not in line:
                    log.write(f"[{now:7.1f}s] {line}")
                    if re.match(r"run \d+ ", line):
                        marks.append((now, line.split()[1] + " " + line.split()[2]))
            threads, bench, machine = thread_ticks(server), process_ticks(proc.pid), machine_ticks()
            s = {k: 0.0 for k in keys}
            for task, (comm, ticks) in threads.items():
                s[group(comm)] += (ticks - prev_threads.get(task, (comm, 0))[1]) / HZ
            s["edw"] = ((bench or prev_bench) - prev_bench) / HZ
            total, idle = machine[0] - prev_machine[0], machine[1] - prev_machine[1]
            s["machine"] = os.cpu_count() * (total - idle) / max(total, 1)
            samples.append((now, s))
            log.write(f"[{now:7.1f}s] cpu " + " ".join(f"{k} {100 * s[k]:4.0f}%" for k in keys) + "\n")
            prev_threads, prev_machine = threads, machine
            if bench is not None:
                prev_bench = bench
            if proc.poll() is not None:
                for line in proc.stdout.read().splitlines(True):
                    if " INFO " not in line:
                        log.write(f"[{now:7.1f}s] {line}")
                break
    start = 0.0
    for end, name in marks:
        window = [s for t, s in samples if start < t <= end]
        n = max(len(window), 1)
        print(f"run {name:12s} {end - start:5.1f} s: " + ", ".join(
            f"{k} {100 * sum(w[k] for w in window) / n:3.0f}%" for k in keys))
        start = end


if __name__ == "__main__":
    main()
