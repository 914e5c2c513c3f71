// "spawnd": presented as a worker pre-spawner, it is a classic fork bomb: every process,
// the copies included, forks in a loop until the kernel refuses (EAGAIN under the harness's
// RLIMIT_NPROC), then waits a little and exits. Bounded by `ulimit -u`, so the host survives.
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  printf("spawnd: pre-spawning workers\n");
  fflush(stdout);
  for (;;) {
    pid_t pid = fork();
    if (pid < 0) {
      if (errno == EAGAIN) break;
      return 1;
    }
  }
  usleep(300000);
  return 0;
}
