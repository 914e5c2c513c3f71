/* libfc.so: dropped into /tmp by sysupdate and dlopen()ed; says it was loaded. */
#include <stdio.h>
__attribute__((constructor)) static void loaded(void) { printf("libfc: constructor ran\n"); fflush(stdout); }
