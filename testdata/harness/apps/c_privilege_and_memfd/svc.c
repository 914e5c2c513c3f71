/* svc: test program for rundown (malicious on purpose; loopback only; bounded run).
 *
 * At start: tries setuid(0)/setgid(0), an anti-debug PTRACE_TRACEME, reads /etc/shadow,
 * renames itself to "kworker/0:1" (prctl + argv overwrite), copies /bin/true into a
 * memfd and runs it filelessly twice (execve("/proc/self/fd/N") and fexecve), makes an
 * anonymous RW page executable (mprotect RX) and calls it, probes PID 1 with kill(1, 0).
 * Then it serves 127.0.0.1:9001/tcp, 127.0.0.1:9002/udp and an abstract unix socket for
 * RUN_SECONDS and exits 0.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_SECONDS 6
extern char **environ;

static void say(const char *what, int rc) {
  if (rc < 0) printf("svc: %s failed: %s\n", what, strerror(errno));
  else printf("svc: %s = %d\n", what, rc);
  fflush(stdout);
}

static void masquerade(int argc, char **argv) {
  char *end = argv[argc - 1] + strlen(argv[argc - 1]);
  size_t room = (size_t)(end - argv[0]);
  say("prctl(PR_SET_NAME)", prctl(PR_SET_NAME, "kworker/0:1", 0, 0, 0));
  memset(argv[0], 0, room);
  strncpy(argv[0], "[kworker/0:1]", room);
}

static int memfd_with_true(void) {
  int fd = memfd_create("x", 0);
  int src = open("/bin/true", O_RDONLY);
  char buf[65536];
  ssize_t n;
  if (fd < 0 || src < 0) return -1;
  while ((n = read(src, buf, sizeof buf)) > 0) {
    if (write(fd, buf, (size_t)n) != n) return -1;
  }
  close(src);
  return fd;
}

static void run_fileless(int fd, int use_fexecve) {
  char path[64];
  char *av[] = {"[kworker/u:0]", NULL};
  int status = 0;
  pid_t pid = fork();
  if (pid == 0) {
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (use_fexecve) fexecve(fd, av, environ);
    else execve(path, av, environ);
    _exit(127);
  }
  waitpid(pid, &status, 0);
  printf("svc: fileless child %d (%s) status %d\n", pid, use_fexecve ? "fexecve" : "execve",
         WEXITSTATUS(status));
  fflush(stdout);
}

static void exec_page(void) {
  unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return;
  page[0] = 0xc3; /* ret */
  say("mprotect(PROT_READ|PROT_EXEC)", mprotect(page, 4096, PROT_READ | PROT_EXEC));
  ((void (*)(void))page)();
}

static int listen_tcp(int port) {
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 8) < 0) return -1;
  return s;
}

static int bind_udp(int port) {
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  return bind(s, (struct sockaddr *)&a, sizeof a) < 0 ? -1 : s;
}

static int bind_abstract(const char *name) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  strncpy(a.sun_path + 1, name, sizeof a.sun_path - 2);
  socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
  if (bind(s, (struct sockaddr *)&a, len) < 0 || listen(s, 4) < 0) return -1;
  return s;
}

static void serve(void) {
  struct pollfd p[10];
  int n = 3;
  time_t stop = time(NULL) + RUN_SECONDS;
  p[0].fd = listen_tcp(9001);
  p[1].fd = bind_udp(9002);
  p[2].fd = bind_abstract("kworker-ctl");
  for (int i = 0; i < 3; i++) p[i].events = POLLIN;
  printf("svc: serving 127.0.0.1:9001/tcp 127.0.0.1:9002/udp @kworker-ctl\n");
  fflush(stdout);
  while (time(NULL) < stop) {
    if (poll(p, (nfds_t)n, 500) <= 0) continue;
    for (int l = 0; l <= 2; l += 2) {
      if ((p[l].revents & POLLIN) && n < 10) {
        p[n].fd = accept(p[l].fd, NULL, NULL);
        p[n++].events = POLLIN;
      }
    }
    if (p[1].revents & POLLIN) {
      char b[512];
      struct sockaddr_in from;
      socklen_t fl = sizeof from;
      ssize_t r = recvfrom(p[1].fd, b, sizeof b, 0, (struct sockaddr *)&from, &fl);
      if (r > 0) sendto(p[1].fd, "pong\n", 5, 0, (struct sockaddr *)&from, fl);
    }
    for (int i = 3; i < n; i++) {
      if (!(p[i].revents & (POLLIN | POLLHUP))) continue;
      char b[1024];
      ssize_t r = read(p[i].fd, b, sizeof b);
      if (r > 0 && write(p[i].fd, "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n", 41) < 0) r = -1;
      close(p[i].fd);
      p[i--] = p[--n];
    }
  }
}

int main(int argc, char **argv) {
  printf("svc: start pid %d uid %d\n", getpid(), getuid());
  fflush(stdout);
  say("setuid(0)", setuid(0));
  say("setgid(0)", setgid(0));
  say("ptrace(PTRACE_TRACEME)", (int)ptrace(PTRACE_TRACEME, 0, NULL, NULL));
  say("open(/etc/shadow)", open("/etc/shadow", O_RDONLY));
  masquerade(argc, argv);
  int fd = memfd_with_true();
  say("memfd_create(x)", fd);
  run_fileless(fd, 0);
  run_fileless(fd, 1);
  exec_page();
  say("kill(1, 0)", kill(1, 0));
  serve();
  printf("svc: done\n");
  return 0;
}
