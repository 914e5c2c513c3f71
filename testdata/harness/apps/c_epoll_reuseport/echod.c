/* echod: an echo service on 127.0.0.1:8153. The parent forks NWORK workers (no exec); each
 * opens its own SO_REUSEPORT listener and serves it with an edge-triggered epoll loop. On
 * SIGTERM the parent forwards SIGTERM to the workers, reaps them and exits 0. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define NWORK 3
static volatile sig_atomic_t stop;
static void on_term(int s) { (void)s; stop = 1; }

static int listener(void) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(8153)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 64) < 0) { perror("bind"); exit(1); }
  return fd;
}

static void worker(int id) {
  int lfd = listener(), ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = lfd}, evs[16];
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
  printf("worker %d: listening\n", id);
  fflush(stdout);
  long served = 0;
  while (!stop) {
    int n = epoll_wait(ep, evs, 16, -1);
    if (n < 0) { if (errno == EINTR) continue; break; }
    for (int i = 0; i < n; i++) {
      int fd = evs[i].data.fd;
      if (fd == lfd) {
        int c;
        while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
          struct epoll_event ce = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
        }
        continue;
      }
      char buf[512];
      for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r > 0) { write(fd, buf, r); served++; continue; }
        if (r < 0 && errno == EAGAIN) break;
        close(fd);
        break;
      }
    }
  }
  printf("worker %d: %ld echoes, stopping\n", id, served);
  fflush(stdout);
  _exit(0);
}

int main(void) {
  struct sigaction sa = {.sa_handler = on_term};
  sigaction(SIGTERM, &sa, NULL);
  pid_t kids[NWORK];
  for (int i = 0; i < NWORK; i++) {
    kids[i] = fork();
    if (kids[i] == 0) worker(i);
  }
  printf("echod: %d workers\n", NWORK);
  fflush(stdout);
  while (!stop) pause();
  for (int i = 0; i < NWORK; i++) kill(kids[i], SIGTERM);
  for (int i = 0; i < NWORK; i++) waitpid(kids[i], NULL, 0);
  printf("echod: stopped\n");
  return 0;
}
