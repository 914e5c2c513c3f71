// Reads a (fake) SSH key without an open(O_RDONLY) of its path: through a symlink or a hard
// link planted in /tmp, an O_PATH fd re-opened through /proc/self/fd/N, a name_to_handle_at
// handle, sendfile/copy_file_range/splice of the key into a file or socket, an mmap, and a
// child cat or dd. One mode per run (argv[1]); the key path is argv[2]. The "socket" is a
// loopback UDP or a socketpair: nothing leaves the machine.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char buf[4096];

static void drain(int fd) {
  ssize_t n = read(fd, buf, sizeof buf);
  printf("read %zd\n", n);
  close(fd);
}

static int sink_socket(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  return sv[0];
}

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  const char* mode = argv[1];
  const char* key = argv[2];
  if (!strcmp(mode, "symlink")) {
    unlink("/tmp/.cache-s");
    symlink(key, "/tmp/.cache-s");
    drain(open("/tmp/.cache-s", O_RDONLY));
  } else if (!strcmp(mode, "hardlink")) {
    unlink("/tmp/.cache-h");
    if (link(key, "/tmp/.cache-h") != 0) perror("link");
    drain(open("/tmp/.cache-h", O_RDONLY));
  } else if (!strcmp(mode, "opath")) {
    int p = open(key, O_PATH);
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", p);
    drain(open(self, O_RDONLY));
  } else if (!strcmp(mode, "opath_at")) {
    int p = open(key, O_PATH);
    drain(openat(p, "", O_RDONLY | 0x1000 /* AT_EMPTY_PATH is not an open flag */));
  } else if (!strcmp(mode, "dirfd")) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s", key);
    *strrchr(dir, '/') = 0;
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    drain(openat(d, strrchr(key, '/') + 1, O_RDONLY));
  } else if (!strcmp(mode, "sendfile")) {
    int in = open(key, O_RDONLY | O_NOCTTY);
    int s = sink_socket();
    printf("sent %zd\n", sendfile(s, in, NULL, 4096));
  } else if (!strcmp(mode, "copy")) {
    int in = open(key, O_RDONLY);
    int out = open("/tmp/.k", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    printf("copied %zd\n", copy_file_range(in, NULL, out, NULL, 4096, 0));
  } else if (!strcmp(mode, "mmap")) {
    int in = open(key, O_RDONLY);
    char* m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, in, 0);
    printf("first %c\n", m[0]);
  } else if (!strcmp(mode, "cat")) {
    if (fork() == 0) {
      execl("/bin/cat", "cat", key, (char*)NULL);
      _exit(127);
    }
    wait(NULL);
  } else if (!strcmp(mode, "dd")) {
    char arg[600];
    snprintf(arg, sizeof arg, "if=%s", key);
    if (fork() == 0) {
      execl("/bin/dd", "dd", arg, "of=/tmp/.k2", "status=none", (char*)NULL);
      _exit(127);
    }
    wait(NULL);
  }
  return 0;
}
