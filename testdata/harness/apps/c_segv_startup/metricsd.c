/* "metricsd": a C daemon that copies $METRICSD_HOME into its config path at start-up
 * without checking getenv's result. The variable is not set in the container, so strlen(NULL)
 * crashes it with SIGSEGV a few ms after start, before it listens on 127.0.0.1:8097.
 * The harness's INCONCLUSIVE start-up segfault case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  fprintf(stderr, "metricsd: starting\n");
  FILE *f = fopen("metricsd.conf", "r");
  char line[128] = "";
  if (f) { if (!fgets(line, sizeof line, f)) line[0] = 0; fclose(f); }
  const char *home = getenv("METRICSD_HOME");
  char *path = malloc(strlen(home) + 32);   /* home is NULL here */
  sprintf(path, "%s/metricsd.db", home);
  printf("metricsd: db %s, %s\n", path, line);
  return 0;
}
