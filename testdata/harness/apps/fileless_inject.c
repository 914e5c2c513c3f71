// Runs code without a file on disk, or writes into another process, in the shapes that avoid
// a plain execve("/path"): execveat(memfd, "", AT_EMPTY_PATH), execveat of a deleted file,
// execve("/proc/self/fd/N"), the dynamic loader as the program (ld.so /tmp/x), and writes into
// a child's memory with process_vm_writev, ptrace(PTRACE_POKEDATA) and /proc/PID/mem. The
// payload is a copy of /bin/true. One mode per run (argv[1]).
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static char* const kArgv[] = {"kworker", NULL};
static char* const kEnv[] = {NULL};
static volatile long target_word = 1;

static void copy_true(int out) {
  int in = open("/bin/true", O_RDONLY);
  struct stat st;
  fstat(in, &st);
  sendfile(out, in, NULL, st.st_size);
  close(in);
}

static pid_t sleeper(void) {
  pid_t c = fork();
  if (c == 0) {
    for (;;) pause();
  }
  usleep(100000);
  return c;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const char* m = argv[1];
  if (!strcmp(m, "memfd")) {
    int fd = memfd_create("", MFD_CLOEXEC);
    copy_true(fd);
    syscall(SYS_execveat, fd, "", kArgv, kEnv, AT_EMPTY_PATH);
  } else if (!strcmp(m, "deleted")) {
    int fd = open("/tmp/.u", O_RDWR | O_CREAT | O_TRUNC, 0700);
    copy_true(fd);
    close(fd);
    fd = open("/tmp/.u", O_RDONLY);
    unlink("/tmp/.u");
    syscall(SYS_execveat, fd, "", kArgv, kEnv, AT_EMPTY_PATH);
  } else if (!strcmp(m, "fdexec")) {  // the negative: a file that is still on disk
    int fd = open("/bin/true", O_RDONLY);
    syscall(SYS_execveat, fd, "", kArgv, kEnv, AT_EMPTY_PATH);
  } else if (!strcmp(m, "procfd")) {
    int fd = memfd_create("x", 0);
    copy_true(fd);
    char p[64];
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    execve(p, kArgv, kEnv);
  } else if (!strcmp(m, "ldso")) {
    int fd = open("/tmp/.v", O_WRONLY | O_CREAT | O_TRUNC, 0600);  // not executable
    copy_true(fd);
    close(fd);
    char* const a[] = {"ld.so", "/tmp/.v", NULL};
    execve("/lib64/ld-linux-x86-64.so.2", a, kEnv);
  } else if (!strcmp(m, "vmwrite")) {
    pid_t c = sleeper();
    long v = 42;
    struct iovec l = {&v, sizeof v}, r = {(void*)&target_word, sizeof v};
    printf("vm_writev %zd\n", process_vm_writev(c, &l, 1, &r, 1, 0));
    kill(c, SIGKILL);
    wait(NULL);
  } else if (!strcmp(m, "poke")) {
    pid_t c = sleeper();
    // Under strace the child is already traced: the seize is refused, which is the capture.
    long seized = ptrace(PTRACE_SEIZE, c, 0, 0);
    printf("seize %ld\n", seized);
    if (seized == 0) {
      ptrace(PTRACE_INTERRUPT, c, 0, 0);
      waitpid(c, NULL, 0);
    }
    printf("poke %ld\n", ptrace(PTRACE_POKEDATA, c, (void*)&target_word, (void*)42));
    kill(c, SIGKILL);
    wait(NULL);
  } else if (!strcmp(m, "procmem")) {
    pid_t c = sleeper();
    char p[64];
    snprintf(p, sizeof p, "/proc/%d/mem", c);
    int fd = open(p, O_RDWR);
    long v = 42;
    printf("pwrite %zd\n", pwrite(fd, &v, sizeof v, (off_t)(long)&target_word));
    kill(c, SIGKILL);
    wait(NULL);
  }
  perror(m);
  return 0;
}
