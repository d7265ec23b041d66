"""The docker-py peer of Stevedore's benchmarks: PyPI's `docker`, low-level APIClient.

    python3 dockerpy_bench.py WORKLOAD ARGS...   (DOCKER_HOST names the engine)

Workloads and their arguments are those of Benchmarks/harness.py; each verifies its result and
prints one JSON line: ops, bytes, seconds (of the workload alone) and latency percentiles.
"""
import json
import os
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import docker
from docker.utils.socket import frames_iter


def fail(message):
    print(f"dockerpy_bench: {message}", file=sys.stderr)
    sys.exit(1)


def emit(ops, seconds, nbytes=0, latencies=None):
    result = {"ops": ops, "bytes": nbytes, "seconds": seconds}
    if latencies:
        latencies.sort()
        result["p50_ms"] = latencies[int((len(latencies) - 1) * 0.5)] * 1000
        result["p99_ms"] = latencies[int((len(latencies) - 1) * 0.99)] * 1000
    print(json.dumps(result))


def ping_seq(api, n):
    latencies = []
    start = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        if api.ping() is not True:
            fail("ping did not answer OK")
        latencies.append(time.perf_counter() - t)
    emit(n, time.perf_counter() - start, latencies=latencies)


def list_conc(api, workers, each, min_count):
    def work(_):
        for _ in range(each):
            found = len(api.containers(all=True))
            if found < min_count:
                fail(f"list returned {found} containers, expected at least {min_count}")

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(work, range(workers)))
    emit(workers * each, time.perf_counter() - start)


def logs(api, container, want_out, want_err):
    # APIClient.logs has no demux: it yields the payloads of both streams merged, so only the
    # total can be checked.
    total = 0
    start = time.perf_counter()
    for data in api.logs(container, stdout=True, stderr=True, stream=True):
        total += len(data)
    elapsed = time.perf_counter() - start
    if total != want_out + want_err:
        fail(f"logs: {total} bytes, expected {want_out + want_err}")
    emit(1, elapsed, total)


def wait_ok(api, container):
    status = api.wait(container)["StatusCode"]
    if status != 0:
        fail(f"container exited {status}")


def attach(api, image, size):
    container = api.create_container(
        image, ["head", "-c", str(size), "/dev/zero"],
        host_config=api.create_host_config(log_config={"Type": "none"}, network_mode="none"))["Id"]
    try:
        start = time.perf_counter()
        output = api.attach(container, stdout=True, stderr=True, stream=True, demux=True)
        api.start(container)
        counts = [0, 0]
        for out, err in output:
            if out:
                counts[0] += len(out)
            if err:
                counts[1] += len(err)
        elapsed = time.perf_counter() - start
        wait_ok(api, container)
        if counts != [size, 0]:
            fail(f"attach: {counts}, expected {[size, 0]}")
        emit(1, elapsed, size)
    finally:
        api.remove_container(container, force=True)


def stdin_echo(api, image, size):
    container = api.create_container(
        image, ["cat"], stdin_open=True,  # also sets AttachStdin and StdinOnce
        host_config=api.create_host_config(network_mode="none"))["Id"]
    try:
        start = time.perf_counter()
        sock = api.attach_socket(container, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
        raw = sock._sock
        api.start(container)

        def write():
            chunk = bytes(64 << 10)
            sent = 0
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                raw.sendall(piece)
                sent += len(piece)
            raw.shutdown(socket.SHUT_WR)

        writer = threading.Thread(target=write)
        writer.start()
        counts = [0, 0, 0]
        for stream, data in frames_iter(sock, tty=False):
            counts[stream] += len(data)
        writer.join()
        sock.close()
        elapsed = time.perf_counter() - start
        wait_ok(api, container)
        if counts[1:] != [size, 0]:
            fail(f"stdin-echo: {counts[1:]}, expected {[size, 0]}")
        emit(1, elapsed, size)
    finally:
        api.remove_container(container, force=True)


def execs(api, container, n):
    start = time.perf_counter()
    for _ in range(n):
        exec_id = api.exec_create(container, ["true"])["Id"]
        api.exec_start(exec_id, demux=True)
        inspect = api.exec_inspect(exec_id)
        if inspect["Running"] or inspect["ExitCode"] != 0:
            fail(f"exec: running {inspect['Running']}, exit code {inspect['ExitCode']}")
    emit(n, time.perf_counter() - start)


def lifecycle(api, image, n, parallel):
    host_config = api.create_host_config(network_mode="none")

    def one(_):
        container = api.create_container(image, ["true"], host_config=host_config)["Id"]
        api.start(container)
        wait_ok(api, container)
        api.remove_container(container)

    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, range(n)))
    emit(n, time.perf_counter() - start)


def build(api, directory):
    start = time.perf_counter()
    image = None
    for message in api.build(path=directory, rm=True, decode=True):
        if "error" in message:
            fail(f"build: {message['error']}")
        if "aux" in message:
            image = message["aux"].get("ID")
        elif "stream" in message and message["stream"].startswith("Successfully built "):
            image = message["stream"].split()[2]
    if not image:
        fail("build: no image id")
    emit(1, time.perf_counter() - start)


def main():
    workload, args = sys.argv[1], sys.argv[2:]
    # A pool as large as list-conc's workers, as a user running them would configure.
    api = docker.APIClient(base_url=os.environ["DOCKER_HOST"], version="auto", max_pool_size=64, timeout=600)
    if workload == "ping-seq":
        ping_seq(api, int(args[0]))
    elif workload == "list-conc":
        list_conc(api, int(args[0]), int(args[1]), int(args[2]))
    elif workload == "logs":
        logs(api, args[0], int(args[1]), int(args[2]))
    elif workload == "attach":
        attach(api, args[0], int(args[1]))
    elif workload == "stdin-echo":
        stdin_echo(api, args[0], int(args[1]))
    elif workload == "exec":
        execs(api, args[0], int(args[1]))
    elif workload == "lifecycle":
        lifecycle(api, args[0], int(args[1]), int(args[2]))
    elif workload == "build":
        build(api, args[0])
    else:
        fail(f"unknown workload {workload!r}")


if __name__ == "__main__":
    main()
