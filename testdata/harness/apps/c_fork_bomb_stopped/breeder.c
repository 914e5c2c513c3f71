// "breeder": a slow fork bomb. Every process, each copy included, forks, sleeps 0.2 s and
// forks again, forever: the number of copies doubles every 0.2 s. Run under `timeout 1`, the
// harness stops it (SIGTERM to the process group) at about 32 copies, long before any
// process limit refuses a fork.
#include <stdio.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  const struct timespec pause = {0, 200 * 1000 * 1000};
  printf("breeder %d starting\n", (int)getpid());
  fflush(stdout);
  for (;;) {
    if (fork() < 0) perror("fork");
    nanosleep(&pause, NULL);
  }
}
