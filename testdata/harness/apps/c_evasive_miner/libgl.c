/* libgl.so: loaded by sysupdate from a memfd (/proc/self/fd/N); says it was loaded. */
#include <stdio.h>
__attribute__((constructor)) static void loaded(void) { printf("libgl: constructor ran (memfd)\n"); fflush(stdout); }
