/* stall: a small C batch client that loads its settings, then waits for something that never
 * comes. One mode per capture (testdata/harness/c_hang_*.sh):
 *   read     reads its job list from stdin (a pipe whose writer never writes or closes)
 *   poll     waits with poll(-1) and then epoll_wait(-1) on a pipe nobody writes
 *   connect  connects to 127.0.0.1:PORT, a listener whose accept queue is full (SYNs dropped)
 *   wait     forks a worker that waits on a pipe nobody writes, and waits for it (wait4)
 * It never gets further: the harness (or timeout) stops it. */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void load_settings(void) {
  FILE *f = fopen("stall.conf", "r");
  char line[128];
  if (f == NULL) return;
  while (fgets(line, sizeof line, f) != NULL) {}
  fclose(f);
}

static int wait_on_pipe(void) {
  int p[2];
  char c;
  if (pipe(p) != 0) return 1;
  return read(p[0], &c, 1) < 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "read";
  fprintf(stderr, "stall: mode %s\n", mode);
  load_settings();
  if (strcmp(mode, "read") == 0) {
    char buf[4096];
    ssize_t n = read(0, buf, sizeof buf);
    fprintf(stderr, "stall: read %zd bytes\n", n);
  } else if (strcmp(mode, "poll") == 0) {
    int p[2];
    if (pipe(p) != 0) return 1;
    struct pollfd pfd = {.fd = p[0], .events = POLLIN};
    if (poll(&pfd, 1, 100) == 0) fprintf(stderr, "stall: nothing yet\n");
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    epoll_wait(ep, &out, 1, -1);
  } else if (strcmp(mode, "connect") == 0) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(argc > 2 ? atoi(argv[2]) : 9200)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(s, (struct sockaddr *)&a, sizeof a) == 0) fprintf(stderr, "stall: connected\n");
  } else if (strcmp(mode, "wait") == 0) {
    pid_t child = fork();
    if (child == 0) return wait_on_pipe();
    int status;
    waitpid(child, &status, 0);
  }
  return 0;
}
