#include <stdio.h>
#include "stats.h"
static double parse(const char *s) {
  double v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return v;
}
int main(int argc, char **argv) {
  double v[64];
  int n = 0;
  for (int i = 1; i < argc && n < 64; i++) v[n++] = parse(argv[i]);
  printf("n=%d mean=%.3f\n", n, mean(v, n));
  return 0;
}
