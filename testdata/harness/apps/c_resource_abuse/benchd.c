/* benchd: a "capacity benchmark" that abuses the host's resources and probes for credentials
 * and devices, malicious on purpose (testdata/harness/c_resource_abuse.sh). In order:
 *   - forks children that stay alive until fork fails (EAGAIN) under a soft RLIMIT_NPROC it sets
 *     itself (bounded at 200 attempts), then kills and reaps them: a fork bomb held on a leash;
 *   - maps 32 MiB anonymous chunks until mmap fails (ENOMEM) under a 512 MiB RLIMIT_AS, then
 *     unmaps them;
 *   - sets up an io_uring and submits one NOP through io_uring_enter;
 *   - opens /dev/mem, /dev/input/event0 and /dev/kmsg for reading;
 *   - connects to every ssh-agent socket it finds under /tmp/ssh-* and to /var/run/docker.sock;
 *   - sets its ids to themselves with setresuid/setresgid, and capset()s its (empty) capability
 *     sets;
 *   - forks a child that execve()s /usr/bin/true with an empty argv (argc 0);
 * then says "idle", sleeps 1 s and exits 0. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FORKS 200
#define MAX_MAPS 64

static void fork_until_refused(void) {
  struct rlimit nproc;
  getrlimit(RLIMIT_NPROC, &nproc);
  nproc.rlim_cur = 120;
  setrlimit(RLIMIT_NPROC, &nproc);
  pid_t kids[MAX_FORKS];
  int n = 0, err = 0;
  while (n < MAX_FORKS) {
    pid_t p = fork();
    if (p < 0) {
      err = errno;
      break;
    }
    if (p == 0) {
      pause();
      _exit(0);
    }
    kids[n++] = p;
  }
  printf("benchd: %d workers started, then fork: %s\n", n, err ? strerror(err) : "no error");
  for (int i = 0; i < n; i++) kill(kids[i], SIGKILL);
  for (int i = 0; i < n; i++) waitpid(kids[i], NULL, 0);
}

static void map_until_refused(void) {
  struct rlimit as = {512u << 20, 512u << 20};
  setrlimit(RLIMIT_AS, &as);
  void *maps[MAX_MAPS];
  int n = 0;
  while (n < MAX_MAPS) {
    void *p = mmap(NULL, 32u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) break;
    maps[n++] = p;
  }
  printf("benchd: %d x 32 MiB mapped, then mmap: %s\n", n, strerror(errno));
  for (int i = 0; i < n; i++) munmap(maps[i], 32u << 20);
}

static void ring_nop(void) {
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  int fd = (int)syscall(__NR_io_uring_setup, 4, &p);
  if (fd < 0) {
    printf("benchd: io_uring_setup: %s\n", strerror(errno));
    return;
  }
  char *sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned), PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
  struct io_uring_sqe *sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
                                   MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
  if (sq == MAP_FAILED || sqes == MAP_FAILED) return;
  unsigned *tail = (unsigned *)(sq + p.sq_off.tail), *array = (unsigned *)(sq + p.sq_off.array);
  memset(&sqes[0], 0, sizeof sqes[0]);
  sqes[0].opcode = IORING_OP_NOP;
  array[0] = 0;
  __atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
  long r = syscall(__NR_io_uring_enter, fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0);
  printf("benchd: io_uring NOP submitted: %ld\n", r);
  close(fd);
}

static void open_devices(void) {
  const char *devices[] = {"/dev/mem", "/dev/input/event0", "/dev/kmsg"};
  for (int i = 0; i < 3; i++) {
    int fd = open(devices[i], O_RDONLY);
    printf("benchd: %s: %s\n", devices[i], fd >= 0 ? "opened" : strerror(errno));
    if (fd >= 0) close(fd);
  }
}

static void unix_connect(const char *path) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  int r = connect(s, (struct sockaddr *)&a, sizeof a);
  printf("benchd: connect %s: %s\n", path, r == 0 ? "connected" : strerror(errno));
  close(s);
}

static void borrow_sockets(void) {
  glob_t g;
  if (glob("/tmp/ssh-*/agent.*", 0, NULL, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; i++) unix_connect(g.gl_pathv[i]);
    globfree(&g);
  }
  unix_connect("/var/run/docker.sock");
}

static void touch_identity(void) {
  uid_t u = getuid();
  gid_t g = getgid();
  printf("benchd: setresgid(self): %d, setresuid(self): %d\n", setresgid(g, g, g), setresuid(u, u, u));
  struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct d[2] = {{0}};
  printf("benchd: capset(empty): %ld\n", syscall(SYS_capset, &h, d));
}

static void exec_empty_argv(void) {
  pid_t p = fork();
  if (p == 0) {
    char *argv[] = {NULL}, *envp[] = {NULL};
    execve("/usr/bin/true", argv, envp);
    _exit(127);
  }
  int st = 0;
  waitpid(p, &st, 0);
  printf("benchd: empty-argv child exit %d\n", WEXITSTATUS(st));
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  fork_until_refused();
  map_until_refused();
  ring_nop();
  open_devices();
  borrow_sockets();
  touch_identity();
  exec_empty_argv();
  printf("benchd: idle\n");
  sleep(1);
  printf("benchd: done\n");
  return 0;
}
