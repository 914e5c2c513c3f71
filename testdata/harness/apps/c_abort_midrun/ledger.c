/* ledger: a benign batch CLI. Sums the amounts of input/ledger.csv per account into
 * out/totals.txt, printing its progress. A record with a missing field trips an assert
 * (the bug): abort() after most of the file has been processed and written. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  FILE *in = fopen("input/ledger.csv", "r");
  FILE *out = fopen("out/totals.txt", "w");
  if (in == NULL || out == NULL) {
    perror("ledger: open");
    return 1;
  }
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, in) != NULL) {
    char account[64];
    long cents = 0;
    int fields = sscanf(line, "%63[^,],%ld", account, &cents);
    ++n;
    assert(fields == 2);
    fprintf(out, "%s %ld\n", account, cents);
    fflush(out);
    if (n % 2 == 0) {
      printf("ledger: %d records\n", n);
      fflush(stdout);
    }
  }
  fclose(out);
  printf("ledger: done, %d records\n", n);
  return 0;
}
