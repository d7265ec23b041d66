/* The ceiling of Stevedore's benchmarks: each workload with no client library, as raw HTTP/1.1
 * on the engine's unix socket (keep-alive, Content-Length and chunked bodies, the hijack of
 * attach and exec after `101 UPGRADED`, the 8-byte-header multiplexed stream).
 *
 *     ceiling WORKLOAD ARGS...   (DOCKER_HOST=unix:///path names the engine)
 *
 * Workloads and their arguments are those of Benchmarks/harness.py; each verifies its result
 * and prints one JSON line: ops, bytes, seconds (of the workload alone), latency percentiles.
 * Built by Benchmarks/run with `cc -O2 -pthread`. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static const char *socket_path;

static void die(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("ceiling: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    exit(1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* A connection with a read buffer; bytes [start, end) are read and not consumed yet. */
typedef struct { int fd; char buf[256 << 10]; size_t start, end; } conn;

static conn *dial(void) {
    conn *c = calloc(1, sizeof *c);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, socket_path, sizeof address.sun_path - 1);
    c->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c->fd, (struct sockaddr *)&address, sizeof address) != 0) die("connect %s: %m", socket_path);
    return c;
}

static void hang_up(conn *c) { close(c->fd); free(c); }

static void send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t sent = write(fd, p, n);
        if (sent <= 0) die("write: %m");
        p += sent, n -= sent;
    }
}

/* Reads more into the buffer; returns the count, 0 at EOF. */
static size_t fill(conn *c) {
    if (c->start == c->end) c->start = c->end = 0;
    if (c->end == sizeof c->buf) {
        memmove(c->buf, c->buf + c->start, c->end - c->start);
        c->end -= c->start, c->start = 0;
    }
    ssize_t n = read(c->fd, c->buf + c->end, sizeof c->buf - c->end);
    if (n < 0) die("read: %m");
    c->end += n;
    return n;
}

/* Sends a request; a JSON body if `body`, extra header lines if `extra`. */
static void request(conn *c, const char *method, const char *path, const char *body, const char *extra) {
    char head[4096];
    int n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: docker\r\n%s", method, path, extra ? extra : "");
    if (body) n += snprintf(head + n, sizeof head - n, "Content-Type: application/json\r\nContent-Length: %zu\r\n", strlen(body));
    n += snprintf(head + n, sizeof head - n, "\r\n");
    send_all(c->fd, head, n);
    if (body) send_all(c->fd, body, strlen(body));
}

typedef struct { int status; long length; int chunked; } response;

/* Reads and consumes a response head. */
static response read_head(conn *c) {
    char *end;
    while (!(end = memmem(c->buf + c->start, c->end - c->start, "\r\n\r\n", 4)))
        if (fill(c) == 0) die("EOF in response head");
    *end = 0;
    char *head = c->buf + c->start;
    response r = {.length = -1};
    if (sscanf(head, "HTTP/1.%*d %d", &r.status) != 1) die("bad status line");
    for (char *line = strstr(head, "\r\n"); line; line = strstr(line + 2, "\r\n")) {
        if (!strncasecmp(line + 2, "Content-Length:", 15)) r.length = atol(line + 17);
        if (!strncasecmp(line + 2, "Transfer-Encoding: chunked", 26)) r.chunked = 1;
    }
    if (r.status == 101 || r.status == 204 || r.status == 304) r.length = 0; /* no body, whatever the headers */
    c->start = end + 4 - c->buf;
    return r;
}

typedef void (*sink)(void *context, const char *p, size_t n);

/* Passes up to `n` buffered-or-read bytes to `s`; stops early at EOF if `eof_ok`. */
static void pass(conn *c, size_t n, sink s, void *context, int eof_ok) {
    while (n > 0) {
        if (c->start == c->end && fill(c) == 0) {
            if (eof_ok) return;
            die("EOF in response body");
        }
        size_t take = c->end - c->start < n ? c->end - c->start : n;
        s(context, c->buf + c->start, take);
        c->start += take, n -= take;
    }
}

static char *read_line(conn *c) {
    char *end;
    while (!(end = memmem(c->buf + c->start, c->end - c->start, "\r\n", 2)))
        if (fill(c) == 0) die("EOF in chunk header");
    *end = 0;
    char *line = c->buf + c->start;
    c->start = end + 2 - c->buf;
    return line;
}

static void read_body(conn *c, response r, sink s, void *context) {
    if (!r.chunked) {
        pass(c, r.length < 0 ? SIZE_MAX : (size_t)r.length, s, context, r.length < 0);
        return;
    }
    for (;;) {
        size_t size = strtoul(read_line(c), NULL, 16);
        if (size == 0) { read_line(c); return; }
        pass(c, size, s, context, 0);
        read_line(c);
    }
}

/* Small bodies, collected into a string. */
typedef struct { char *p; size_t n; } text;

static void append(void *context, const char *p, size_t n) {
    text *t = context;
    t->p = realloc(t->p, t->n + n + 1);
    memcpy(t->p + t->n, p, n);
    t->n += n;
    t->p[t->n] = 0;
}

/* Sends a request, checks the status, returns the body (free it). */
static char *call(conn *c, const char *method, const char *path, const char *body, int want) {
    request(c, method, path, body, NULL);
    response r = read_head(c);
    text t = {calloc(1, 1), 0};
    read_body(c, r, append, &t);
    if (r.status != want) die("%s %s: %d %s", method, path, r.status, t.p);
    return t.p;
}

/* The value of "key":"..." in JSON, copied into `out`. */
static void json_string(const char *json, const char *key, char *out, size_t size) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *p = strstr(json, pattern);
    if (!p) die("no %s in %s", key, json);
    p += strlen(pattern);
    size_t n = strcspn(p, "\"");
    if (n >= size) die("%s too long", key);
    memcpy(out, p, n);
    out[n] = 0;
}

static long json_number(const char *json, const char *key) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *p = strstr(json, pattern);
    if (!p) die("no %s in %s", key, json);
    return atol(p + strlen(pattern));
}

/* The multiplexed stream: 8-byte headers [stream, 0, 0, 0, size BE32], then the payload. */
typedef struct { unsigned char header[8]; size_t have; uint32_t remaining; int stream; long long counts[3]; } demux;

static void demux_feed(void *context, const char *p, size_t n) {
    demux *d = context;
    while (n > 0) {
        if (d->remaining == 0) {
            size_t take = 8 - d->have < n ? 8 - d->have : n;
            memcpy(d->header + d->have, p, take);
            d->have += take, p += take, n -= take;
            if (d->have == 8) {
                d->have = 0;
                d->stream = d->header[0];
                if (d->stream > 2) die("stream type %d", d->stream);
                d->remaining = (uint32_t)d->header[4] << 24 | d->header[5] << 16 | d->header[6] << 8 | d->header[7];
            }
        } else {
            size_t take = d->remaining < n ? d->remaining : n;
            d->counts[d->stream] += take;
            d->remaining -= take, p += take, n -= take;
        }
    }
}

static void emit(int ops, long long bytes, double seconds, double *latencies, int count);

/* A hijacked connection: the request with Upgrade, a 101, then the raw stream. */
static conn *hijack(const char *path, const char *body) {
    conn *c = dial();
    request(c, "POST", path, body, "Connection: Upgrade\r\nUpgrade: tcp\r\n");
    response r = read_head(c);
    if (r.status != 101) die("%s: %d, expected 101", path, r.status);
    return c;
}

static void create(conn *c, const char *body, char *id) {
    char *answer = call(c, "POST", "/containers/create", body, 201);
    json_string(answer, "Id", id, 128);
    free(answer);
}

static void start_wait_remove(conn *c, const char *id, int started) {
    char path[256];
    if (!started) {
        snprintf(path, sizeof path, "/containers/%s/start", id);
        free(call(c, "POST", path, NULL, 204));
    }
    snprintf(path, sizeof path, "/containers/%s/wait", id);
    char *answer = call(c, "POST", path, NULL, 200);
    if (json_number(answer, "StatusCode") != 0) die("container exited: %s", answer);
    free(answer);
    snprintf(path, sizeof path, "/containers/%s?force=1", id);
    free(call(c, "DELETE", path, NULL, 204));
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void ping_seq(int n) {
    conn *c = dial();
    double *latencies = malloc(n * sizeof *latencies), begin = now();
    for (int i = 0; i < n; i++) {
        double t = now();
        char *answer = call(c, "GET", "/_ping", NULL, 200);
        if (strcmp(answer, "OK")) die("ping answered %s", answer);
        free(answer);
        latencies[i] = now() - t;
    }
    emit(n, 0, now() - begin, latencies, n);
}

static int list_each, list_min;

static void *list_worker(void *unused) {
    (void)unused;
    conn *c = dial();
    for (int i = 0; i < list_each; i++) {
        char *answer = call(c, "GET", "/containers/json?all=1", NULL, 200);
        int found = 0;
        for (char *p = answer; (p = strstr(p, "\"Id\":")); p++) found++;
        if (found < list_min) die("list returned %d containers, expected at least %d", found, list_min);
        free(answer);
    }
    hang_up(c);
    return NULL;
}

static void list_conc(int workers, int each, int min) {
    list_each = each, list_min = min;
    pthread_t threads[workers];
    double begin = now();
    for (int i = 0; i < workers; i++) pthread_create(&threads[i], NULL, list_worker, NULL);
    for (int i = 0; i < workers; i++) pthread_join(threads[i], NULL);
    emit(workers * each, 0, now() - begin, NULL, 0);
}

static void logs(const char *id, long long want_out, long long want_err) {
    char path[256];
    snprintf(path, sizeof path, "/containers/%s/logs?stdout=1&stderr=1", id);
    double begin = now();
    conn *c = dial();
    request(c, "GET", path, NULL, NULL);
    response r = read_head(c);
    if (r.status != 200) die("logs: %d", r.status);
    demux d = {0};
    read_body(c, r, demux_feed, &d);
    double elapsed = now() - begin;
    if (d.counts[1] != want_out || d.counts[2] != want_err)
        die("logs: %lld/%lld bytes, expected %lld/%lld", d.counts[1], d.counts[2], want_out, want_err);
    emit(1, want_out + want_err, elapsed, NULL, 0);
}

typedef struct { int fd; long long size; } stdin_job;

static void *write_stdin(void *context) {
    stdin_job *job = context;
    static char chunk[64 << 10];
    for (long long sent = 0; sent < job->size;) {
        size_t n = job->size - sent < (long long)sizeof chunk ? (size_t)(job->size - sent) : sizeof chunk;
        send_all(job->fd, chunk, n);
        sent += n;
    }
    shutdown(job->fd, SHUT_WR);
    return NULL;
}

/* Creates a container from `body`, attaches with `query`, starts it, writes `stdin_size`
 * bytes and half-closes (if `stdin_size` >= 0) beside reading its demultiplexed output to EOF,
 * checks it exited 0 and removes it; `elapsed` covers attach to EOF. */
static demux attached(const char *body, const char *query, long long stdin_size, double *elapsed) {
    conn *c = dial();
    char id[128], path[512];
    create(c, body, id);
    double begin = now();
    snprintf(path, sizeof path, "/containers/%s/attach?%s", id, query);
    conn *stream = hijack(path, NULL);
    snprintf(path, sizeof path, "/containers/%s/start", id);
    free(call(c, "POST", path, NULL, 204));
    stdin_job job = {stream->fd, stdin_size};
    pthread_t writer;
    if (stdin_size >= 0) pthread_create(&writer, NULL, write_stdin, &job);
    demux d = {0};
    pass(stream, SIZE_MAX, demux_feed, &d, 1);
    if (stdin_size >= 0) pthread_join(writer, NULL);
    hang_up(stream);
    *elapsed = now() - begin;
    start_wait_remove(c, id, 1);
    hang_up(c);
    return d;
}

static void attach(const char *image, long long size) {
    char body[1024];
    snprintf(body, sizeof body,
             "{\"Image\":\"%s\",\"Cmd\":[\"head\",\"-c\",\"%lld\",\"/dev/zero\"],\"AttachStdout\":true,\"AttachStderr\":true,"
             "\"HostConfig\":{\"LogConfig\":{\"Type\":\"none\"},\"NetworkMode\":\"none\"}}", image, size);
    double elapsed;
    demux d = attached(body, "stream=1&stdout=1&stderr=1", -1, &elapsed);
    if (d.counts[1] != size || d.counts[2] != 0) die("attach: %lld/%lld bytes, expected %lld/0", d.counts[1], d.counts[2], size);
    emit(1, size, elapsed, NULL, 0);
}

static void stdin_echo(const char *image, long long size) {
    char body[1024];
    snprintf(body, sizeof body,
             "{\"Image\":\"%s\",\"Cmd\":[\"cat\"],\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,"
             "\"OpenStdin\":true,\"StdinOnce\":true,\"HostConfig\":{\"NetworkMode\":\"none\"}}", image);
    double elapsed;
    demux d = attached(body, "stream=1&stdin=1&stdout=1&stderr=1", size, &elapsed);
    if (d.counts[1] != size || d.counts[2] != 0) die("stdin-echo: %lld/%lld bytes, expected %lld/0", d.counts[1], d.counts[2], size);
    emit(1, size, elapsed, NULL, 0);
}

static void execs(const char *container, int n) {
    conn *c = dial();
    char path[256], id[128];
    snprintf(path, sizeof path, "/containers/%s/exec", container);
    double begin = now();
    for (int i = 0; i < n; i++) {
        char *answer = call(c, "POST", path, "{\"Cmd\":[\"true\"],\"AttachStdout\":true,\"AttachStderr\":true}", 201);
        json_string(answer, "Id", id, sizeof id);
        free(answer);
        char start[256];
        snprintf(start, sizeof start, "/exec/%s/start", id);
        conn *stream = hijack(start, "{\"Detach\":false,\"Tty\":false}");
        demux d = {0};
        pass(stream, SIZE_MAX, demux_feed, &d, 1);
        hang_up(stream);
        snprintf(start, sizeof start, "/exec/%s/json", id);
        answer = call(c, "GET", start, NULL, 200);
        if (!strstr(answer, "\"Running\":false") || json_number(answer, "ExitCode") != 0) die("exec: %s", answer);
        free(answer);
    }
    emit(n, 0, now() - begin, NULL, 0);
}

static const char *lifecycle_image;
static int lifecycle_left;
static pthread_mutex_t lifecycle_lock = PTHREAD_MUTEX_INITIALIZER;

static void *lifecycle_worker(void *unused) {
    (void)unused;
    conn *c = dial();
    char body[512], id[128];
    snprintf(body, sizeof body, "{\"Image\":\"%s\",\"Cmd\":[\"true\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}", lifecycle_image);
    for (;;) {
        pthread_mutex_lock(&lifecycle_lock);
        int mine = lifecycle_left-- > 0;
        pthread_mutex_unlock(&lifecycle_lock);
        if (!mine) break;
        create(c, body, id);
        start_wait_remove(c, id, 0);
    }
    hang_up(c);
    return NULL;
}

static void lifecycle(const char *image, int n, int parallel) {
    lifecycle_image = image, lifecycle_left = n;
    pthread_t threads[parallel];
    double begin = now();
    for (int i = 0; i < parallel; i++) pthread_create(&threads[i], NULL, lifecycle_worker, NULL);
    for (int i = 0; i < parallel; i++) pthread_join(threads[i], NULL);
    emit(n, 0, now() - begin, NULL, 0);
}

/* The cycle of payload sizes of the in-process demux buffer, the stream alternating
 * stdout/stderr; the same in every driver. */
static const int frame_sizes[] = {8, 100, 1024, 4096, 16384, 65536, 262144};

static void demux_in_process(long long total) {
    char *buf = calloc(total, 1);
    long long length = 0, want[3] = {0};
    for (int i = 0;; i++) {
        int size = frame_sizes[i % 7], stream = 1 + i % 2;
        if (length + 8 + size > total) break;
        unsigned char *h = (unsigned char *)buf + length;
        h[0] = stream, h[4] = size >> 24, h[5] = size >> 16, h[6] = size >> 8, h[7] = size;
        length += 8 + size;
        want[stream] += size;
    }
    demux d = {0};
    double begin = now();
    for (long long offset = 0; offset < length; offset += 64 << 10)
        demux_feed(&d, buf + offset, length - offset < (64 << 10) ? length - offset : (64 << 10));
    double elapsed = now() - begin;
    if (d.counts[1] != want[1] || d.counts[2] != want[2]) die("demux: %lld/%lld, expected %lld/%lld", d.counts[1], d.counts[2], want[1], want[2]);
    emit(1, length, elapsed, NULL, 0);
}

static void emit(int ops, long long bytes, double seconds, double *latencies, int count) {
    printf("{\"ops\": %d, \"bytes\": %lld, \"seconds\": %.9f", ops, bytes, seconds);
    if (count > 0) {
        qsort(latencies, count, sizeof *latencies, compare);
        printf(", \"p50_ms\": %.6f, \"p99_ms\": %.6f", latencies[(int)((count - 1) * 0.5)] * 1e3, latencies[(int)((count - 1) * 0.99)] * 1e3);
    }
    printf("}\n");
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: ceiling WORKLOAD ARGS...");
    const char *host = getenv("DOCKER_HOST");
    if (!host || strncmp(host, "unix://", 7)) die("DOCKER_HOST must be unix:///path");
    socket_path = host + 7;
    const char *w = argv[1];
#define ARG(i) (argc > (i) ? argv[i] : (die("missing argument %d", i), ""))
    if (!strcmp(w, "ping-seq")) ping_seq(atoi(ARG(2)));
    else if (!strcmp(w, "list-conc")) list_conc(atoi(ARG(2)), atoi(ARG(3)), atoi(ARG(4)));
    else if (!strcmp(w, "logs")) logs(ARG(2), atoll(ARG(3)), atoll(ARG(4)));
    else if (!strcmp(w, "attach")) attach(ARG(2), atoll(ARG(3)));
    else if (!strcmp(w, "stdin-echo")) stdin_echo(ARG(2), atoll(ARG(3)));
    else if (!strcmp(w, "exec")) execs(ARG(2), atoi(ARG(3)));
    else if (!strcmp(w, "lifecycle")) lifecycle(ARG(2), atoi(ARG(3)), atoi(ARG(4)));
    else if (!strcmp(w, "demux")) demux_in_process(atoll(ARG(2)));
    else die("unknown workload %s", w);
    return 0;
}
