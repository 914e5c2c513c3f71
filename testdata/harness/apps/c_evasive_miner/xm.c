/* xm: a fake miner (copied by sysupdate to /tmp/.font-unix/xmrig). Takes xmrig's options
 * (-o stratum+tcp://HOST:PORT, repeatable, -u WALLET, -p PASS, --donate-level N), tries the
 * pools in order (getaddrinfo for a name), sends a stratum login to the first one that accepts
 * the connection, prints the job it gets back and exits: it mines nothing. */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int pool_connect(const char *url) {
  char host[256];
  const char *p = strstr(url, "://");
  p = p ? p + 3 : url;
  snprintf(host, sizeof host, "%s", p);
  char *colon = strrchr(host, ':');
  if (!colon) return -1;
  *colon = 0;
  struct addrinfo hints = {0}, *res = NULL;
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  int rc = getaddrinfo(host, colon + 1, &hints, &res);
  if (rc != 0) {
    printf("[pool] %s: %s\n", host, gai_strerror(rc));
    return -1;
  }
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(s, res->ai_addr, res->ai_addrlen) != 0) {
    printf("[pool] %s: connect failed\n", url);
    close(s);
    s = -1;
  }
  freeaddrinfo(res);
  return s;
}

int main(int argc, char **argv) {
  const char *pools[4];
  int npools = 0;
  const char *user = "x";
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (int i = 1; i + 1 < argc; i++) {
    if (strcmp(argv[i], "-o") == 0 && npools < 4) pools[npools++] = argv[++i];
    else if (strcmp(argv[i], "-u") == 0) user = argv[++i];
  }
  printf(" * ABOUT        XMRig/6.21.0 gcc/12.2.0 (fake)\n");
  for (int i = 0; i < npools; i++) {
    int s = pool_connect(pools[i]);
    if (s < 0) continue;
    char req[512];
    int n = snprintf(req, sizeof req,
                     "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"%s\",\"pass\":\"x\","
                     "\"agent\":\"XMRig/6.21.0\",\"algo\":[\"rx/0\"]}}\n",
                     user);
    if (send(s, req, (size_t)n, 0) != n) return 1;
    char reply[1024];
    ssize_t got = recv(s, reply, sizeof reply - 1, 0);
    reply[got > 0 ? got : 0] = 0;
    printf("[pool] use pool %s, reply %s", pools[i], reply);
    close(s);
    return 0;
  }
  printf("[pool] no pool reachable\n");
  return 2;
}
