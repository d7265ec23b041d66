/* Runs a command and reports what it cost: `measure OUTFILE COMMAND ARGS...` writes
 * "user_seconds system_seconds max_rss_kib" of the command to OUTFILE (microsecond CPU, unlike
 * GNU time's centiseconds) and exits with its status. Being small, it forks with a tiny RSS,
 * so the child's peak RSS is its own (a child inherits its parent's high-water mark at fork). */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: measure OUTFILE COMMAND ARGS...\n"); return 2; }
    pid_t child = fork();
    if (child == 0) { execvp(argv[2], argv + 2); perror(argv[2]); _exit(127); }
    int status;
    struct rusage usage;
    if (child < 0 || wait4(child, &status, 0, &usage) < 0) { perror("measure"); return 2; }
    FILE *out = fopen(argv[1], "w");
    if (!out) { perror(argv[1]); return 2; }
    fprintf(out, "%ld.%06ld %ld.%06ld %ld\n", (long)usage.ru_utime.tv_sec, (long)usage.ru_utime.tv_usec,
            (long)usage.ru_stime.tv_sec, (long)usage.ru_stime.tv_usec, usage.ru_maxrss);
    fclose(out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
