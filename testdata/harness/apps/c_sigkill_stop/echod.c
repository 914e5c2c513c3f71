/* "echod": a benign C line-echo service on 127.0.0.1:8099 (poll loop, one process). Its SIGTERM
 * handler only sets a "draining" flag and logs it, and the loop waits for clients that never
 * leave, so `docker stop`'s SIGTERM does not end it: the harness sends SIGKILL 1 s later, as
 * docker does after its grace period. The harness's case of a server the harness had to kill. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t draining;
static void on_term(int sig) { (void)sig; draining = 1; }

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_term;
  sigaction(SIGTERM, &sa, NULL);
  int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(8099)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 8)) { perror("listen"); return 1; }
  printf("echod: listening on 127.0.0.1:8099\n");
  fflush(stdout);
  struct pollfd fds[16] = {{.fd = l, .events = POLLIN}};
  int n = 1, said = 0;
  for (;;) {
    if (draining && !said) { printf("echod: draining %d client(s)\n", n - 1); fflush(stdout); said = 1; }
    if (draining && n == 1) break;
    if (poll(fds, n, 500) < 0) continue;
    if (!draining && (fds[0].revents & POLLIN) && n < 16) {
      fds[n].fd = accept(l, NULL, NULL);
      fds[n++].events = POLLIN;
    }
    for (int i = 1; i < n; i++) {
      if (!(fds[i].revents & POLLIN)) continue;
      char buf[256];
      ssize_t r = read(fds[i].fd, buf, sizeof buf);
      if (r <= 0) { close(fds[i].fd); fds[i--] = fds[--n]; continue; }
      write(fds[i].fd, buf, (size_t)r);
    }
  }
  printf("echod: stopped\n");
  return 0;
}
