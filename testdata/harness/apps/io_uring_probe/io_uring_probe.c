/* io_uring_probe: opens and reads a file through an io_uring with the raw system calls (no
 * liburing), so the open and the read never appear as openat/read in a trace: only
 * io_uring_setup, the ring's mmaps and io_uring_enter do. Capture: gcc -O2 -o io_uring_probe
 * io_uring_probe.c; strace -f -tt -T -y -o OUT setpriv --reuid=1001 --regid=1001
 * --clear-groups ./io_uring_probe /etc/hostname (testdata/formats/strace/f_tt_T_y_io_uring.txt);
 * the same with strace -e inject=io_uring_setup:error=ENOSYS added: the ring is refused and
 * the program falls back to openat/read (f_tt_T_y_io_uring_refused.txt).
 * `./io_uring_probe --send PORT FILE`: reads FILE, creates a TCP socket, connects to
 * 127.0.0.1:PORT and sends what it read, all through the ring (IORING_OP_SOCKET, kernel
 * >= 5.19): the trace shows no openat, socket, connect or send at all
 * (f_tt_T_y_io_uring_exfil.txt, testdata/formats/capture_io_uring_exfil.sh). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ring {
  int fd;
  unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
  struct io_uring_sqe *sqes;
  struct io_uring_cqe *cqes;
};

static int ring_open(struct ring *r, unsigned entries) {
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  r->fd = (int)syscall(__NR_io_uring_setup, entries, &p);
  if (r->fd < 0) return -1;
  size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
  size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
  char *sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
  char *cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
  r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
                 r->fd, IORING_OFF_SQES);
  if (sq == MAP_FAILED || cq == MAP_FAILED || r->sqes == MAP_FAILED) return -1;
  r->sq_tail = (unsigned *)(sq + p.sq_off.tail);
  r->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
  r->sq_array = (unsigned *)(sq + p.sq_off.array);
  r->cq_head = (unsigned *)(cq + p.cq_off.head);
  r->cq_tail = (unsigned *)(cq + p.cq_off.tail);
  r->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
  r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
  return 0;
}

/* Submits one request and waits for its completion; returns its result. */
static int ring_run(struct ring *r, const struct io_uring_sqe *req) {
  unsigned tail = *r->sq_tail, i = tail & *r->sq_mask;
  r->sqes[i] = *req;
  r->sq_array[i] = i;
  __atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
  if (syscall(__NR_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0) return -1;
  unsigned head = *r->cq_head;
  int res = r->cqes[head & *r->cq_mask].res;
  __atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
  return res;
}

/* Opens and reads `path` through the ring; returns the read's result, the fd in *fd. */
static int ring_read_file(struct ring *r, const char *path, char *buf, unsigned len, int *fd) {
  struct io_uring_sqe sqe;
  memset(&sqe, 0, sizeof sqe);
  sqe.opcode = IORING_OP_OPENAT;
  sqe.fd = AT_FDCWD;
  sqe.addr = (unsigned long)path;
  sqe.open_flags = O_RDONLY;
  *fd = ring_run(r, &sqe);
  memset(&sqe, 0, sizeof sqe);
  sqe.opcode = IORING_OP_READ;
  sqe.fd = *fd;
  sqe.addr = (unsigned long)buf;
  sqe.len = len;
  return ring_run(r, &sqe);
}

/* Reads `path` and sends it to 127.0.0.1:port, every step a ring request. */
static int ring_send_file(struct ring *r, int port, const char *path) {
  char buf[256];
  int fd;
  int n = ring_read_file(r, path, buf, sizeof buf, &fd);
  struct io_uring_sqe sqe;
  memset(&sqe, 0, sizeof sqe);
  sqe.opcode = IORING_OP_SOCKET;
  sqe.fd = AF_INET;
  sqe.off = SOCK_STREAM;
  int s = ring_run(r, &sqe);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  memset(&sqe, 0, sizeof sqe);
  sqe.opcode = IORING_OP_CONNECT;
  sqe.fd = s;
  sqe.addr = (unsigned long)&to;
  sqe.off = sizeof to;
  int c = ring_run(r, &sqe);
  memset(&sqe, 0, sizeof sqe);
  sqe.opcode = IORING_OP_SEND;
  sqe.fd = s;
  sqe.addr = (unsigned long)buf;
  sqe.len = n > 0 ? (unsigned)n : 0;
  int sent = ring_run(r, &sqe);
  printf("ring open %d read %d socket %d connect %d send %d\n", fd, n, s, c, sent);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--send") == 0) {
    struct ring r;
    if (ring_open(&r, 8) < 0) return 1;
    return ring_send_file(&r, atoi(argv[2]), argv[3]);
  }
  const char *path = argc > 1 ? argv[1] : "/etc/hostname";
  char buf[256];
  struct ring r;
  if (ring_open(&r, 8) < 0) {
    perror("io_uring_setup");
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf);
    printf("fallback read: %zd\n", n);
    return 0;
  }
  int fd;
  int n = ring_read_file(&r, path, buf, sizeof buf, &fd);
  printf("ring open: %d, ring read: %d\n", fd, n);
  return 0;
}
