/* "wordcount": a benign batch CLI. Reads input/*.txt from its work dir, forks one worker per
 * file (fork without exec), each worker counts words and writes out/part-N.txt, then _exit(0);
 * the parent waits for all of them, merges the parts into out/summary.txt (written as .tmp,
 * renamed) and removes the parts. Exit 0. The harness's PASS reference for fork-only workers. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static long count_words(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long n = 0;
  int c, in = 0;
  while ((c = fgetc(f)) != EOF) {
    int sp = c == ' ' || c == '\n' || c == '\t';
    if (!sp && !in) n++;
    in = !sp;
  }
  fclose(f);
  return n;
}

static void worker(int idx, const char *name) {
  char in[512], out[512];
  snprintf(in, sizeof in, "input/%s", name);
  snprintf(out, sizeof out, "out/part-%d.txt", idx);
  long n = count_words(in);
  FILE *f = fopen(out, "w");
  if (!f) _exit(2);
  fprintf(f, "%s %ld\n", name, n);
  fclose(f);
  _exit(n < 0 ? 1 : 0);
}

int main(void) {
  char names[16][256];
  int n = 0;
  DIR *d = opendir("input");
  if (!d) { perror("input"); return 1; }
  struct dirent *e;
  while ((e = readdir(d)) && n < 16)
    if (strstr(e->d_name, ".txt")) snprintf(names[n++], 256, "%s", e->d_name);
  closedir(d);
  if (mkdir("out", 0755) && errno != EEXIST) { perror("out"); return 1; }
  printf("wordcount: %d files, forking %d workers\n", n, n);
  fflush(stdout);
  for (int i = 0; i < n; i++) {
    pid_t p = fork();
    if (p == 0) worker(i, names[i]);
    if (p < 0) { perror("fork"); return 1; }
  }
  int failed = 0, st;
  while (wait(&st) > 0)
    if (!WIFEXITED(st) || WEXITSTATUS(st)) failed++;
  FILE *sum = fopen("out/summary.txt.tmp", "w");
  char part[64], line[512];
  for (int i = 0; i < n; i++) {
    snprintf(part, sizeof part, "out/part-%d.txt", i);
    FILE *f = fopen(part, "r");
    if (f && fgets(line, sizeof line, f)) fputs(line, sum);
    if (f) fclose(f);
    unlink(part);
  }
  fclose(sum);
  rename("out/summary.txt.tmp", "out/summary.txt");
  printf("wordcount: done, %d failed, summary in out/summary.txt\n", failed);
  return failed ? 1 : 0;
}
