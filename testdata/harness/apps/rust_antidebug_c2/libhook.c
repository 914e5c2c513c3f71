/* The library sysagent drops and preloads: a constructor that only marks that it ran. */
#include <unistd.h>
__attribute__((constructor)) static void hook(void) { (void)getpid(); }
