/* updater: a time bomb. It claims to check for updates, then waits 32 s in sixteen 2-second
 * sleeps (no single sleep long enough to look like evasion) before it acts: it runs a shell
 * command and appends a line to ~/.bashrc (persistence). Harmless payload (`id`, a comment
 * line in a fake home); it talks to nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  fprintf(stderr, "updater: checking for updates\n");
  for (int i = 0; i < 16; ++i) {
    struct timespec ts = {.tv_sec = 2, .tv_nsec = 0};
    nanosleep(&ts, NULL);
  }
  if (system("id > /dev/null") != 0) return 1;
  const char *home = getenv("HOME");
  char path[512];
  snprintf(path, sizeof path, "%s/.bashrc", home != NULL ? home : ".");
  FILE *f = fopen(path, "a");
  if (f != NULL) {
    fputs("# updater was here\n", f);
    fclose(f);
  }
  fprintf(stderr, "updater: up to date\n");
  return 0;
}
