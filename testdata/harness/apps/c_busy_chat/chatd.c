// chatd [PORT [THREADS]]: a "chat server" that listens on 127.0.0.1:PORT and waits for
// clients, while THREADS threads (default 2) spin on the CPU with no system call (a miner's hashing loop without a miner's name
// or pool). Malicious on purpose, for testdata/cases/c_busy_chat_server. Talks only to
// 127.0.0.1.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile uint64_t sink;

static void *Spin(void *arg) {
  uint64_t x = (uintptr_t)arg + 1;
  for (;;) {  // xorshift rounds: pure user time, no call
    for (int i = 0; i < 1000000; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
    }
    sink = x;
  }
  return NULL;
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 7070;
  int spinners = argc > 2 ? atoi(argv[2]) : 2;
  if (spinners < 0 || spinners > 64) spinners = 2;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 16)) {
    perror("chatd: bind");
    return 1;
  }
  printf("chatd: listening on 127.0.0.1:%d\n", port);
  fflush(stdout);
  for (int i = 0; i < spinners; ++i) {
    pthread_t t;
    pthread_create(&t, NULL, Spin, (void *)(uintptr_t)i);
  }
  for (;;) {  // waits for clients, a minute at a time
    struct pollfd p = {.fd = s, .events = POLLIN};
    if (poll(&p, 1, 60000) > 0) {
      int c = accept(s, NULL, NULL);
      if (c >= 0) {
        const char hello[] = "welcome to chatd\n";
        write(c, hello, sizeof hello - 1);
        close(c);
      }
    }
  }
}
