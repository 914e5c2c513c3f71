/* masquerade_probe: renames itself like a kernel thread in the three ways Linux offers, and names
 * ordinary threads the way runtimes do. prctl(PR_SET_NAME, "kworker/0:1") on the main thread;
 * pthread_setname_np on a thread from inside it ("V8Worker", "worker-1": prctl again); from the
 * main thread on another one ("kswapd0": glibc opens /proc/self/task/TID/comm and writes);
 * and a write of "[kworker/u8:2]" to /proc/self/comm. Capture: gcc -O2 -pthread -o
 * masquerade_probe masquerade_probe.c; strace -f -tt -T -y -o OUT setpriv --reuid=1001
 * --regid=1001 --clear-groups ./masquerade_probe (testdata/formats/strace/f_tt_T_y_masquerade.txt). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static pthread_barrier_t named;

static void *self_named(void *arg) {
  pthread_setname_np(pthread_self(), (const char *)arg);
  pthread_barrier_wait(&named);
  return NULL;
}

static void *renamed_later(void *arg) {
  (void)arg;
  pthread_barrier_wait(&named);
  pthread_barrier_wait(&named);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  pthread_barrier_init(&named, NULL, 3);
  prctl(PR_SET_NAME, "kworker/0:1", 0, 0, 0);
  pthread_create(&t[0], NULL, self_named, "V8Worker");
  pthread_create(&t[1], NULL, self_named, "worker-1");
  pthread_barrier_wait(&named);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  pthread_barrier_destroy(&named);
  pthread_barrier_init(&named, NULL, 2);
  pthread_create(&t[2], NULL, renamed_later, NULL);
  pthread_barrier_wait(&named);
  printf("rename other thread: %d\n", pthread_setname_np(t[2], "kswapd0"));
  pthread_barrier_wait(&named);
  pthread_join(t[2], NULL);
  int fd = open("/proc/self/comm", O_WRONLY);
  if (fd >= 0) {
    const char *name = "[kworker/u8:2]";
    printf("comm write: %zd\n", write(fd, name, strlen(name)));
    close(fd);
  }
  return 0;
}
