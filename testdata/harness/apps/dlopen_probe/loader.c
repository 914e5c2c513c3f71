/* dlopen_probe: loads a library from a hidden /tmp folder, then the same library through a memfd
 * (/proc/self/fd/N). Capture: gcc -shared -fPIC -o /tmp/.cache-x/libevil.so evil.c; gcc -o loader
 * loader.c -ldl; strace -f -tt -T -y -o OUT setpriv --reuid=1001 --regid=1001 --clear-groups ./loader
 * (testdata/formats/strace/f_tt_T_y_dlopen.txt). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
  void *h = dlopen("/tmp/.cache-x/libevil.so", RTLD_NOW);
  printf("tmp dlopen %s\n", h ? "ok" : dlerror());
  int fd = memfd_create("libx", 0), src = open("/tmp/.cache-x/libevil.so", O_RDONLY);
  char buf[65536]; ssize_t n;
  while ((n = read(src, buf, sizeof buf)) > 0) write(fd, buf, (size_t)n);
  close(src);
  char path[64]; snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  void *h2 = dlopen(path, RTLD_NOW);
  printf("memfd dlopen %s\n", h2 ? "ok" : dlerror());
  return 0;
}
