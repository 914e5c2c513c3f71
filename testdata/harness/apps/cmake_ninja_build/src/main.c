#include <stdio.h>
int tally(const char *s);
int main(int argc, char **argv) { printf("%d\n", tally(argc > 1 ? argv[1] : "a,b,c")); return 0; }
