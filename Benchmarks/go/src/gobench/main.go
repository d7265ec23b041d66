// The Go peer of Stevedore's benchmarks: the official moby client (Debian's
// golang-github-docker-docker-dev, built in GOPATH mode by Benchmarks/run).
//
//	gobench WORKLOAD ARGS...   (DOCKER_HOST names the engine)
//
// Workloads and their arguments are those of Benchmarks/harness.py; each verifies its result
// and prints one JSON line: ops, bytes, seconds (of the workload alone) and latency percentiles.
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/stdcopy"
)

type result struct {
	Ops     int     `json:"ops"`
	Bytes   int64   `json:"bytes"`
	Seconds float64 `json:"seconds"`
	P50Ms   float64 `json:"p50_ms,omitempty"`
	P99Ms   float64 `json:"p99_ms,omitempty"`
}

// counter is an io.Writer that only counts.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "gobench: "+format+"\n", args...)
	os.Exit(1)
}

func check(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func intArg(i int) int {
	if len(os.Args) <= i {
		fail("missing argument %d", i)
	}
	n, err := strconv.Atoi(os.Args[i])
	check(err, "argument")
	return n
}

func percentile(sorted []time.Duration, p float64) float64 {
	return float64(sorted[int(float64(len(sorted)-1)*p)]) / 1e6
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: gobench WORKLOAD ARGS...")
	}
	ctx := context.Background()
	if os.Args[1] == "demux" {
		emit(demux(intArg(2)))
		return
	}
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	check(err, "client")
	var r result
	switch os.Args[1] {
	case "ping-seq":
		r = pingSeq(ctx, cli, intArg(2))
	case "list-conc":
		r = listConc(ctx, cli, intArg(2), intArg(3), intArg(4))
	case "logs":
		r = logs(ctx, cli, os.Args[2], int64(intArg(3)), int64(intArg(4)))
	case "attach":
		r = attach(ctx, cli, os.Args[2], int64(intArg(3)))
	case "stdin-echo":
		r = stdinEcho(ctx, cli, os.Args[2], int64(intArg(3)))
	case "exec":
		r = execs(ctx, cli, os.Args[2], intArg(3))
	case "lifecycle":
		r = lifecycle(ctx, cli, os.Args[2], intArg(3), intArg(4))
	default:
		fail("unknown workload %q", os.Args[1])
	}
	emit(r)
}

func emit(r result) {
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}

func pingSeq(ctx context.Context, cli *client.Client, n int) result {
	latencies := make([]time.Duration, n)
	start := time.Now()
	for i := 0; i < n; i++ {
		t := time.Now()
		ping, err := cli.Ping(ctx)
		check(err, "ping")
		if ping.APIVersion == "" {
			fail("ping without API version")
		}
		latencies[i] = time.Since(t)
	}
	elapsed := time.Since(start)
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	return result{Ops: n, Seconds: elapsed.Seconds(), P50Ms: percentile(latencies, 0.5), P99Ms: percentile(latencies, 0.99)}
}

func listConc(ctx context.Context, cli *client.Client, workers, each, minCount int) result {
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				list, err := cli.ContainerList(ctx, types.ContainerListOptions{All: true})
				check(err, "list")
				if len(list) < minCount {
					fail("list returned %d containers, expected at least %d", len(list), minCount)
				}
			}
		}()
	}
	wg.Wait()
	return result{Ops: workers * each, Seconds: time.Since(start).Seconds()}
}

func logs(ctx context.Context, cli *client.Client, id string, wantOut, wantErr int64) result {
	start := time.Now()
	body, err := cli.ContainerLogs(ctx, id, types.ContainerLogsOptions{ShowStdout: true, ShowStderr: true})
	check(err, "logs")
	var stdout, stderr counter
	_, err = stdcopy.StdCopy(&stdout, &stderr, body)
	check(err, "logs demux")
	body.Close()
	elapsed := time.Since(start)
	if stdout.n != wantOut || stderr.n != wantErr {
		fail("logs: %d/%d bytes, expected %d/%d", stdout.n, stderr.n, wantOut, wantErr)
	}
	return result{Ops: 1, Bytes: stdout.n + stderr.n, Seconds: elapsed.Seconds()}
}

func create(ctx context.Context, cli *client.Client, config *container.Config, host *container.HostConfig) string {
	created, err := cli.ContainerCreate(ctx, config, host, nil, nil, "")
	check(err, "create")
	return created.ID
}

func waitExit(ctx context.Context, cli *client.Client, id string) {
	results, errs := cli.ContainerWait(ctx, id, container.WaitConditionNotRunning)
	select {
	case r := <-results:
		if r.StatusCode != 0 {
			fail("container exited %d", r.StatusCode)
		}
	case err := <-errs:
		fail("wait: %v", err)
	}
}

// attached creates a container, attaches to it, starts it, runs `feed` (if any) beside
// reading its demultiplexed output to EOF, checks it exited 0 and removes it; the duration
// covers attach to EOF.
func attached(ctx context.Context, cli *client.Client, config *container.Config, host *container.HostConfig,
	options types.ContainerAttachOptions, feed func(types.HijackedResponse)) (stdout, stderr counter, elapsed time.Duration) {
	id := create(ctx, cli, config, host)
	defer cli.ContainerRemove(ctx, id, types.ContainerRemoveOptions{Force: true})
	start := time.Now()
	hijacked, err := cli.ContainerAttach(ctx, id, options)
	check(err, "attach")
	check(cli.ContainerStart(ctx, id, types.ContainerStartOptions{}), "start")
	if feed != nil {
		go feed(hijacked)
	}
	_, err = stdcopy.StdCopy(&stdout, &stderr, hijacked.Reader)
	check(err, "attach demux")
	hijacked.Close()
	elapsed = time.Since(start)
	waitExit(ctx, cli, id)
	return
}

func attach(ctx context.Context, cli *client.Client, image string, want int64) result {
	stdout, stderr, elapsed := attached(ctx, cli, &container.Config{
		Image: image, Cmd: []string{"head", "-c", strconv.FormatInt(want, 10), "/dev/zero"},
		AttachStdout: true, AttachStderr: true,
	}, &container.HostConfig{LogConfig: container.LogConfig{Type: "none"}, NetworkMode: "none"},
		types.ContainerAttachOptions{Stream: true, Stdout: true, Stderr: true}, nil)
	if stdout.n != want || stderr.n != 0 {
		fail("attach: %d/%d bytes, expected %d/0", stdout.n, stderr.n, want)
	}
	return result{Ops: 1, Bytes: stdout.n, Seconds: elapsed.Seconds()}
}

func stdinEcho(ctx context.Context, cli *client.Client, image string, size int64) result {
	write := func(hijacked types.HijackedResponse) {
		chunk := make([]byte, 64<<10)
		for sent := int64(0); sent < size; {
			n := int64(len(chunk))
			if size-sent < n {
				n = size - sent
			}
			_, err := hijacked.Conn.Write(chunk[:n])
			check(err, "stdin write")
			sent += n
		}
		check(hijacked.CloseWrite(), "stdin close")
	}
	stdout, stderr, elapsed := attached(ctx, cli, &container.Config{
		Image: image, Cmd: []string{"cat"},
		AttachStdin: true, AttachStdout: true, AttachStderr: true, OpenStdin: true, StdinOnce: true,
	}, &container.HostConfig{NetworkMode: "none"},
		types.ContainerAttachOptions{Stream: true, Stdin: true, Stdout: true, Stderr: true}, write)
	if stdout.n != size || stderr.n != 0 {
		fail("stdin-echo: %d/%d bytes, expected %d/0", stdout.n, stderr.n, size)
	}
	return result{Ops: 1, Bytes: size, Seconds: elapsed.Seconds()}
}

func execs(ctx context.Context, cli *client.Client, containerID string, n int) result {
	start := time.Now()
	for i := 0; i < n; i++ {
		created, err := cli.ContainerExecCreate(ctx, containerID, types.ExecConfig{Cmd: []string{"true"}, AttachStdout: true, AttachStderr: true})
		check(err, "exec create")
		hijacked, err := cli.ContainerExecAttach(ctx, created.ID, types.ExecStartCheck{})
		check(err, "exec start")
		_, err = stdcopy.StdCopy(io.Discard, io.Discard, hijacked.Reader)
		check(err, "exec output")
		hijacked.Close()
		inspect, err := cli.ContainerExecInspect(ctx, created.ID)
		check(err, "exec inspect")
		if inspect.Running || inspect.ExitCode != 0 {
			fail("exec: running %v, exit code %d", inspect.Running, inspect.ExitCode)
		}
	}
	return result{Ops: n, Seconds: time.Since(start).Seconds()}
}

func lifecycle(ctx context.Context, cli *client.Client, image string, n, parallel int) result {
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				id := create(ctx, cli, &container.Config{Image: image, Cmd: []string{"true"}}, &container.HostConfig{NetworkMode: "none"})
				check(cli.ContainerStart(ctx, id, types.ContainerStartOptions{}), "start")
				waitExit(ctx, cli, id)
				check(cli.ContainerRemove(ctx, id, types.ContainerRemoveOptions{}), "remove")
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return result{Ops: n, Seconds: time.Since(start).Seconds()}
}

// demuxFrameSizes is the cycle of payload sizes of the in-process demux buffer, with the
// stream alternating stdout/stderr; the same in every driver (see Benchmarks/harness.py).
var demuxFrameSizes = []int{8, 100, 1024, 4096, 16384, 65536, 262144}

func demux(total int) result {
	buf := make([]byte, 0, total)
	var wantOut, wantErr int64
	for i := 0; ; i++ {
		size := demuxFrameSizes[i%len(demuxFrameSizes)]
		if len(buf)+8+size > total {
			break
		}
		stream := byte(1 + i%2)
		var header [8]byte
		header[0] = stream
		binary.BigEndian.PutUint32(header[4:], uint32(size))
		buf = append(buf, header[:]...)
		buf = append(buf, make([]byte, size)...)
		if stream == 1 {
			wantOut += int64(size)
		} else {
			wantErr += int64(size)
		}
	}
	var stdout, stderr counter
	start := time.Now()
	_, err := stdcopy.StdCopy(&stdout, &stderr, bytes.NewReader(buf))
	elapsed := time.Since(start)
	check(err, "demux")
	if stdout.n != wantOut || stderr.n != wantErr {
		fail("demux: %d/%d bytes, expected %d/%d", stdout.n, stderr.n, wantOut, wantErr)
	}
	return result{Ops: 1, Bytes: int64(len(buf)), Seconds: elapsed.Seconds()}
}
