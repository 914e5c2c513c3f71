/* wordfreq: a benign batch CLI. Counts the words of each file listed in data/index.txt and
 * prints one line per file with printf. Its stdout is a file (program.log), so stdio buffers
 * it fully and nothing is written before exit. A file whose first line is empty leaves the
 * longest-word pointer NULL (the bug): strlen(NULL), SIGSEGV, after two files were read and
 * counted, and the buffered lines are lost with the process. */
#include <stdio.h>
#include <string.h>

static void count_file(const char *path) {
  FILE *f = fopen(path, "r");
  char line[512], *longest = NULL;
  static char keep[512];
  long words = 0;
  if (f == NULL) return;
  while (fgets(line, sizeof line, f) != NULL) {
    for (char *w = strtok(line, " \t\n"); w != NULL; w = strtok(NULL, " \t\n")) {
      ++words;
      if (longest == NULL || strlen(w) > strlen(longest)) longest = strcpy(keep, w);
    }
    if (words == 0) break;
  }
  fclose(f);
  printf("%s: %ld words, longest %zu chars\n", path, words, strlen(longest));
}

int main(void) {
  FILE *index = fopen("data/index.txt", "r");
  char path[256];
  if (index == NULL) return 1;
  while (fgets(path, sizeof path, index) != NULL) {
    path[strcspn(path, "\n")] = 0;
    count_file(path);
  }
  fclose(index);
  return 0;
}
