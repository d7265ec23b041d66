"""Runs Stevedore's benchmarks side by side with the Go moby client, docker-py and a no-library
ceiling against one engine, and prints (and writes) a table of medians and ratios.

Called by Benchmarks/run, which installs and builds the drivers and starts the engine:

    python3 harness.py --drivers DIR [--quick] [--runs N] [--only w1,w2] [--output FILE]

Each driver is a program `DRIVER WORKLOAD ARGS...` that verifies its own result and prints one
JSON line {ops, bytes, seconds, [p50_ms, p99_ms]}; `seconds` covers the workload alone. Client
CPU (user+sys) and peak RSS are the child's own, from wait4's rusage. Every run goes through the
workloads in order and, within a workload, through the clients in an order rotated each run, so
that slow drifts of the machine spread over all clients.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

IMAGE = "stevedore-test/busybox:latest"
LABEL = "stevedore-bench"
CLIENTS = ["stevedore", "stevedore-tuned", "go", "docker-py", "ceiling", "docker-cli"]
# The two Stevedore drivers: the default path (the one every target is judged on) and the tuned.
STEVEDORE = ("stevedore", "stevedore-tuned")


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client on the engine's unix socket, for the harness's own setup requests."""

    def __init__(self, path):
        super().__init__("docker", timeout=600)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


class Engine:
    def __init__(self, host):
        if not host.startswith("unix://"):
            sys.exit("harness: DOCKER_HOST must be a unix socket (unix:///path)")
        self.path = host[len("unix://"):]

    def call(self, method, path, body=None, expect=(200, 201, 204)):
        connection = UnixHTTPConnection(self.path)
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        if response.status not in expect:
            sys.exit(f"harness: {method} {path}: {response.status} {data[:500]!r}")
        return json.loads(data) if data and response.getheader("Content-Type", "").startswith("application/json") else None

    def create(self, cmd, host_config=None, labels=None):
        body = {"Image": IMAGE, "Cmd": cmd, "Labels": {LABEL: "1", **(labels or {})},
                "HostConfig": {"NetworkMode": "none", **(host_config or {})}}
        return self.call("POST", "/containers/create", body)["Id"]

    def start(self, container):
        self.call("POST", f"/containers/{container}/start")

    def wait(self, container):
        status = self.call("POST", f"/containers/{container}/wait")["StatusCode"]
        if status != 0:
            sys.exit(f"harness: setup container {container[:12]} exited {status}")

    def remove_ours(self):
        """Removes every container the benchmark made (by label), from this or an earlier run."""
        filters = urllib.parse.quote(json.dumps({"label": [LABEL]}))
        for container in self.call("GET", f"/containers/json?all=1&filters={filters}"):
            self.call("DELETE", f"/containers/{container['Id']}?force=1&v=1", expect=(204, 404))


class Workload:
    """One workload: what each client runs and how its result reads."""

    def __init__(self, name, unit, scale, args, clients, higher_is_better=True, engine_bound=True, driver=None):
        self.name, self.unit, self.scale, self.args = name, unit, scale, args
        self.clients, self.higher_is_better, self.engine_bound = clients, higher_is_better, engine_bound
        # The drivers' name for it: one name for every client, or a name per client.
        self.driver = driver or name

    def driver_name(self, client):
        return self.driver.get(client, self.name) if isinstance(self.driver, dict) else self.driver

    def value(self, result):
        """The throughput (ops or bytes per second, scaled) or, for build, the seconds."""
        if self.unit == "s":
            return result["seconds"]
        amount = result["bytes"] if self.unit in ("MB/s", "GB/s") else result["ops"]
        return amount / result["seconds"] / self.scale


def make_context(directory, small_files, large_files):
    """A build context: `small_files` files of 100-300 bytes in directories of 1000, a few 32 MiB
    files, some of both excluded by a .dockerignore, and a Dockerfile whose one step is cheap, so
    that the context transfer is what is measured."""
    rng = random.Random(7)
    for i in range(small_files):
        folder = os.path.join(directory, "src", f"d{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(folder)
        suffix = ".tmp" if i % 10 == 9 else ".txt"
        with open(os.path.join(folder, f"f{i:05d}{suffix}"), "wb") as f:
            f.write(rng.randbytes(rng.randint(100, 300)))
    os.makedirs(os.path.join(directory, "large"))
    os.makedirs(os.path.join(directory, "ignored"))
    for i in range(large_files):
        with open(os.path.join(directory, "large", f"blob{i}.bin"), "wb") as f:
            f.write(rng.randbytes(32 << 20))
    with open(os.path.join(directory, "ignored", "blob.bin"), "wb") as f:
        f.write(rng.randbytes(32 << 20))
    with open(os.path.join(directory, ".dockerignore"), "w") as f:
        f.write("ignored\n**/*.tmp\n!src/d000/f00009.tmp\n")
    with open(os.path.join(directory, "Dockerfile"), "w") as f:
        f.write(f"FROM {IMAGE}\nLABEL stevedore-bench=context\n")


def make_large_context(directory, size):
    """A build context of `size` bytes in 64 MiB files and a Dockerfile that copies nothing: the
    transfer alone, to show that the client's memory does not grow with the context."""
    os.makedirs(directory)
    block = random.Random(11).randbytes(1 << 20)
    for i in range(size // (64 << 20)):
        with open(os.path.join(directory, f"part{i}.bin"), "wb") as f:
            for _ in range(64):
                f.write(block)
    with open(os.path.join(directory, "Dockerfile"), "w") as f:
        f.write(f"FROM {IMAGE}\nLABEL stevedore-bench=large-context\n")


def workloads(sizes, fixtures):
    every = ["stevedore", "stevedore-tuned", "go", "docker-py", "ceiling"]
    return [
        # The default driver pings from a plain task (each ping hops to the event loop and
        # back); the tuned one from a task preferring the client's executor.
        Workload("ping-seq", "req/s", 1, [sizes["pings"]], every),
        Workload("list-conc", "req/s", 1, [64, sizes["lists"], sizes["stopped"]], every),
        Workload("logs", "MB/s", 1e6, [fixtures["logs"], sizes["logs_out"], sizes["logs_err"]], every),
        Workload("attach", "MB/s", 1e6, [IMAGE, sizes["attach"]], every),
        Workload("attach-small", "MB/s", 1e6, [IMAGE, sizes["attach"] // 8], every, driver="attach"),
        Workload("stdin-echo", "MB/s", 1e6, [IMAGE, sizes["echo"]], every),
        Workload("exec", "exec/s", 1, [fixtures["exec"], sizes["execs"]], every),
        Workload("lifecycle", "ctr/s", 1, [IMAGE, sizes["containers"], 8], every),
        Workload("demux", "GB/s", 1e9, [sizes["demux"]], ["stevedore", "stevedore-tuned", "go", "ceiling"], engine_bound=False),
        Workload("build-context", "s", 1, [fixtures["context"]], ["stevedore", "docker-py", "docker-cli"],
                 higher_is_better=False, engine_bound=False, driver="build"),
        Workload("build-large", "s", 1, [fixtures["large_context"]], ["stevedore", "docker-cli"],
                 higher_is_better=False, engine_bound=False, driver="build"),
    ]


def command(client, workload, drivers):
    args = [str(a) for a in workload.args]
    name = workload.driver_name(client)
    if client in STEVEDORE:
        return [os.path.join(drivers, "stevedore-bench" if client == "stevedore" else "stevedore-bench-tuned"), name, *args]
    if client == "go":
        return [os.path.join(drivers, "gobench"), name, *args]
    if client == "ceiling":
        return [os.path.join(drivers, "ceiling"), name, *args]
    if client == "docker-py":
        return [sys.executable, os.path.join(os.path.dirname(__file__), "python", "dockerpy_bench.py"), name, *args]
    if client == "docker-cli":
        return ["docker", "build", "--quiet", args[0]]
    raise ValueError(client)


def runs_workload(client, workload, stevedore_has):
    """Whether `client` runs `workload`: a peer what the workload lists it for, a Stevedore driver
    only what its build has (`stevedore_has`, from `stevedore-bench workloads`)."""
    return client in workload.clients and (client not in STEVEDORE or workload.driver_name(client) in stevedore_has)


def driver_environment():
    """The environment every driver runs in: the classic builder for the build workloads (Stevedore
    and the docker CLI read `DOCKER_BUILDKIT`, and would otherwise follow the daemon's choice)."""
    return dict(os.environ, DOCKER_BUILDKIT="0")


def run_once(client, workload, drivers):
    """Runs one client on one workload: its value, CPU seconds (user+sys), peak RSS (MiB) and
    result line."""
    argv = command(client, workload, drivers)
    env = driver_environment()
    # `measure` (ceiling/measure.c) forks and execs the driver and writes its rusage: the
    # child's maxrss is its own (a child of this Python process would inherit its high-water
    # mark through fork).
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as usage:
        started = time.perf_counter()
        process = subprocess.run([os.path.join(drivers, "measure"), usage.name, *argv],
                                 stdout=out, stderr=err, env=env)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        user, system, rss_kib = usage.read().split()[-3:]
    if process.returncode != 0:
        sys.exit(f"harness: {client} {workload.name} failed ({process.returncode}): {stderr.decode(errors='replace')[-2000:]}")
    if client == "docker-cli":
        if not stdout.strip().startswith(b"sha256:"):
            sys.exit(f"harness: docker build printed {stdout!r}")
        result = {"ops": 1, "bytes": 0, "seconds": wall}
    else:
        result = json.loads(stdout.decode().strip().splitlines()[-1])
    return {"value": workload.value(result), "cpu": float(user) + float(system),
            "rss_mib": int(rss_kib) / 1024, "result": result}


def profile_tuned(plan, stevedore_has, drivers, directory):
    """Runs the tuned driver on each of its workloads under callgrind, for the functions it runs."""
    for w in plan:
        if not runs_workload("stevedore-tuned", w, stevedore_has):
            continue
        profile = os.path.join(directory, f"{w.name}.callgrind")
        print(f"harness: callgrind {w.name}", file=sys.stderr)
        process = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}",
                                  *command("stevedore-tuned", w, drivers)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=driver_environment())
        if process.returncode != 0:
            sys.exit(f"harness: stevedore-tuned {w.name} failed under callgrind ({process.returncode}): "
                     f"{process.stderr.decode(errors='replace')[-2000:]}")


SIZES = {
    "full": {"pings": 2000, "lists": 30, "stopped": 50, "logs_out": 256 << 20, "logs_err": 64 << 20,
             "attach": 256 << 20, "echo": 64 << 20, "execs": 200, "containers": 40, "demux": 1 << 30,
             "small_files": 50_000, "large_files": 3, "large_context": 1 << 30},
    "quick": {"pings": 500, "lists": 5, "stopped": 20, "logs_out": 32 << 20, "logs_err": 8 << 20,
              "attach": 32 << 20, "echo": 8 << 20, "execs": 30, "containers": 8, "demux": 128 << 20,
              "small_files": 5_000, "large_files": 1, "large_context": 128 << 20},
}


def set_up(engine, sizes, scratch):
    """The engine-side fixtures: stopped containers to list, a finished container with logs, a
    running container to exec in, and the build context on disk."""
    engine.remove_ours()
    for _ in range(sizes["stopped"]):
        engine.create(["true"])
    logs = engine.create(
        ["sh", "-c", f"tr '\\0' o </dev/zero | head -c {sizes['logs_out']}; tr '\\0' e </dev/zero | head -c {sizes['logs_err']} >&2"],
        host_config={"LogConfig": {"Type": "json-file"}})
    engine.start(logs)
    engine.wait(logs)
    exec_target = engine.create(["sleep", "86400"])
    engine.start(exec_target)
    context = os.path.join(scratch, "context")
    shutil.rmtree(context, ignore_errors=True)
    os.makedirs(context)
    make_context(context, sizes["small_files"], sizes["large_files"])
    large_context = os.path.join(scratch, "large-context")
    shutil.rmtree(large_context, ignore_errors=True)
    make_large_context(large_context, sizes["large_context"])
    return {"logs": logs, "exec": exec_target, "context": context, "large_context": large_context}


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=3):
    if value is None:
        return "n/m"
    if value == 0:
        return "0"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}"


def paired_ratio(samples, workload, client, peer, key="value"):
    """The median of the per-run ratios of `client`'s figure over `peer`'s. Runs are interleaved,
    so each ratio compares two figures taken in the same state of a machine whose speed drifts;
    a ratio of medians taken from different runs would mix those states."""
    runs = zip(samples.get((workload, client), []), samples.get((workload, peer), []))
    return median([a[key] / b[key] for a, b in runs if b[key]])


def summarize(samples, workload, client):
    runs = samples.get((workload.name, client), [])
    if not runs:
        return None
    summary = {key: median([r[key] for r in runs]) for key in ("value", "cpu", "rss_mib")}
    for key in ("p50_ms", "p99_ms"):
        values = [r["result"][key] for r in runs if key in r["result"]]
        summary[key] = median(values)
    return summary


def report(samples, plan, header, runs):
    lines = [*header, ""]
    lines.append(f"Medians of {runs} interleaved run(s). n/m: not measured (see notes); "
                 "Stevedore is the default path (plain release build, default client, plain tasks), "
                 "tuned the statically linked driver with a 64-connection pool and its request loops and stream readers on the client's executor; "
                 "ratios are a Stevedore value over the peer's, the median of the per-run ratios "
                 "(for build-context and build-large: seconds, lower is better, against the docker CLI).")
    lines.append("")
    lines.append("| workload | unit | Stevedore | tuned | Go moby | docker-py | ceiling | docker CLI "
                 "| S/Go | S/ceiling | tuned/Go | tuned/ceiling |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    table = {}
    for w in plan:
        row = {c: summarize(samples, w, c) for c in CLIENTS}
        table[w.name] = row
        value = {c: (row[c]["value"] if row[c] else None) for c in CLIENTS}
        peer = "docker-cli" if w.name.startswith("build-") else "go"
        lines.append(f"| {w.name} | {w.unit} | " + " | ".join(fmt(value[c]) for c in CLIENTS)
                     + "".join(f" | {fmt(paired_ratio(samples, w.name, s, peer))}"
                               f" | {fmt(paired_ratio(samples, w.name, s, 'ceiling'))}" for s in STEVEDORE)
                     + " |")
    lines.append("")
    lines.append("Client cost: CPU seconds (user+sys of the client process) / peak RSS MiB.")
    lines.append("")
    lines.append("| workload | Stevedore | tuned | Go moby | docker-py | ceiling | docker CLI | CPU S/Go | RSS S/Go "
                 "| CPU tuned/Go | RSS tuned/Go |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for w in plan:
        row = table[w.name]
        cells = [f"{fmt(row[c]['cpu'])} / {fmt(row[c]['rss_mib'])}" if row[c] else "n/m" for c in CLIENTS]
        peer = "docker-cli" if w.name.startswith("build-") else "go"
        costs = "".join(
            f" | {fmt(paired_ratio(samples, w.name, s, peer, 'cpu'))}"
            f" | {fmt(paired_ratio(samples, w.name, s, peer, 'rss_mib'))}" for s in STEVEDORE)
        lines.append(f"| {w.name} | " + " | ".join(cells) + costs + " |")
    ping = table.get("ping-seq", {})
    if ping:
        lines.append("")
        lines.append("ping-seq latency p50 / p99 (ms): " + ", ".join(
            f"{c} {fmt(ping[c]['p50_ms'])} / {fmt(ping[c]['p99_ms'])}" for c in CLIENTS if ping.get(c) and ping[c]["p50_ms"]))
    lines.append("")
    lines.extend(targets(samples, table, plan))
    return "\n".join(lines) + "\n"


def targets(samples, table, plan):
    """The issue's targets, each met, not met, or not measured; ratios are medians of per-run ratios."""
    names = {w.name for w in plan}
    out = ["Targets:", ""]

    def verdict(name, ok, detail):
        if ok is None:
            out.append(f"- {name}: **n/m**")
        else:
            out.append(f"- {name}: **{'met' if ok else 'NOT met'}** ({detail})")

    def get(workload, client, key="value"):
        row = table.get(workload, {}).get(client)
        return row[key] if row else None

    def ratio(workload, client, peer, key="value"):
        return paired_ratio(samples, workload, client, peer, key)

    if "ping-seq" in names:
        r = ratio("ping-seq", "stevedore", "go")
        verdict("ping-seq >= 1.3x Go", None if r is None else r >= 1.3, f"{fmt(r)}x")
    for name in ("logs", "attach", "stdin-echo", "exec", "lifecycle", "list-conc"):
        if name not in names:
            continue
        r = ratio(name, "stevedore", "ceiling")
        c = ratio(name, "stevedore", "go", "cpu")
        if name in ("exec", "lifecycle"):
            g = ratio(name, "stevedore", "go")
            verdict(f"{name} >= Go", None if g is None else g >= 1.0, f"{fmt(g)}x")
        if name == "list-conc":
            g = ratio(name, "stevedore", "go")
            verdict(f"{name} >= 1.2x Go", None if g is None else g >= 1.2, f"{fmt(g)}x")
        else:
            verdict(f"{name} >= 0.97x ceiling", None if r is None else r >= 0.97, f"{fmt(r)}x")
        verdict(f"{name} CPU <= 0.6x Go", None if c is None else c <= 0.6, f"{fmt(c)}x")
    for w in plan:
        if w.name in ("build-context", "build-large") or w.name not in table:
            continue
        # The shipped-flags build (tuned) against Go; a plain build (the default path) may use 1.5x.
        r = ratio(w.name, "stevedore-tuned", "go", "rss_mib")
        if r is not None:
            verdict(f"{w.name} peak RSS <= Go (shipped link flags)", r <= 1.0, f"{fmt(r)}x")
        r = ratio(w.name, "stevedore", "go", "rss_mib")
        if r is not None:
            verdict(f"{w.name} peak RSS <= 1.5x Go (plain release build)", r <= 1.5, f"{fmt(r)}x")
    if {"attach", "attach-small"} <= names:
        big, small = get("attach", "stevedore", "rss_mib"), get("attach-small", "stevedore", "rss_mib")
        verdict("RSS flat as the stream grows 8x (attach vs attach-small, within 10%)",
                None if big is None or small is None else big <= small * 1.1, f"{fmt(small)} -> {fmt(big)} MiB")
    if {"build-large", "ping-seq"} <= names:
        large, idle = get("build-large", "stevedore", "rss_mib"), get("ping-seq", "stevedore", "rss_mib")
        verdict("build-large (1 GiB context) peak RSS within 16 MiB of ping-seq's",
                None if large is None or idle is None else large <= idle + 16, f"{fmt(idle)} -> {fmt(large)} MiB")
    if "demux" in names:
        r = ratio("demux", "stevedore", "go")
        verdict("demux >= 1.5x Go stdcopy", None if r is None else r >= 1.5, f"{fmt(r)}x")
    if "build-context" in names:
        s, d = get("build-context", "stevedore"), get("build-context", "docker-cli")
        verdict("build-context no slower than the docker CLI", None if s is None or d is None else s <= d,
                f"{fmt(s)} s vs {fmt(d)} s")
    return out


def describe(engine, drivers, mode, runs, only):
    version = engine.call("GET", "/version")
    def sh(*argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "unknown"
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
    memory = sh("free", "-g").splitlines()[1] if sh("free", "-g") else "unknown"
    import docker
    return [
        f"# Stevedore benchmarks, {datetime.date.today().isoformat()} ({mode} sizes{', some workloads' if only else ''})",
        "",
        f"- command: `Benchmarks/run{' --quick' if mode == 'quick' else ''} --runs {runs}{f' --only {only}' if only else ''}`",
        f"- engine: dockerd {version.get('Version')} (API {version.get('ApiVersion')}), storage driver vfs, private to this run",
        f"- machine: {sh('nproc')} cores ({cpu}); memory `{' '.join(memory.split())}`; `{sh('uname', '-srvm')}`",
        f"- clients: Stevedore (default path: plain `swift build -c release`; tuned: static, lld), Go moby client {sh('dpkg-query', '-W', '-f', '${Version}', 'golang-github-docker-docker-dev')} "
        f"with {sh('go', 'version')}, docker-py {docker.__version__} on Python {platform.python_version()}, "
        f"ceiling: C, raw HTTP/1.1 (`cc -O2`), docker CLI {sh('docker', 'version', '--format', '{{.Client.Version}}')}",
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--drivers", required=True, help="directory of stevedore-bench, gobench and ceiling")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--only", help="comma-separated workloads")
    parser.add_argument("--output", help="markdown file to write the results to")
    parser.add_argument("--scratch", default=tempfile.gettempdir())
    parser.add_argument("--callgrind", metavar="DIR",
                        help="instead of measuring, run each workload of the tuned driver once under valgrind's "
                             "callgrind, its profile written to DIR/<workload>.callgrind (Benchmarks/symbol-order)")
    options = parser.parse_args()
    mode = "quick" if options.quick else "full"
    runs = options.runs or (1 if options.quick else 3)
    sizes = SIZES[mode]
    engine = Engine(os.environ.get("DOCKER_HOST", ""))
    print(f"harness: setting up fixtures ({mode})", file=sys.stderr)
    fixtures = set_up(engine, sizes, options.scratch)
    plan = workloads(sizes, fixtures)
    if options.only:
        wanted = options.only.split(",")
        plan = [w for w in plan if w.name in wanted]
    stevedore_has = set(subprocess.run([os.path.join(options.drivers, "stevedore-bench"), "workloads"],
                                       capture_output=True, text=True, check=True).stdout.split())
    if options.callgrind:
        try:
            profile_tuned(plan, stevedore_has, options.drivers, options.callgrind)
        finally:
            engine.remove_ours()
        return
    samples = {}
    try:
        for run in range(runs):
            for w in plan:
                clients = [c for c in w.clients if runs_workload(c, w, stevedore_has)]
                shift = run % len(clients)
                for client in clients[shift:] + clients[:shift]:
                    sample = run_once(client, w, options.drivers)
                    samples.setdefault((w.name, client), []).append(sample)
                    print(f"harness: run {run + 1}/{runs} {w.name:<14} {client:<10} {fmt(sample['value']):>10} {w.unit:<6} "
                          f"cpu {sample['cpu']:.2f}s rss {sample['rss_mib']:.0f} MiB", file=sys.stderr)
    finally:
        engine.remove_ours()
    text = report(samples, plan, describe(engine, options.drivers, mode, runs, options.only), runs)
    missing = [w.name for w in plan if "stevedore" in w.clients and (w.name, "stevedore") not in samples]
    if missing:
        text += ("\nNot measured for Stevedore: " + ", ".join(missing)
                 + " (its benchmark driver has no such workload in this build).\n")
    print(text)
    if options.output:
        with open(options.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
