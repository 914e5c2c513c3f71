/* esc: test program for rundown (malicious on purpose; loopback only; bounded run).
 *
 * A container-escape / rootkit attempt, run as an unprivileged user. No network at all.
 * First one ordinary step: reads /etc/hostname and prints it. Then, in the parent:
 * drops /tmp/.rk/rk.ko (junk with an ELF magic) and tries to load it (finit_module,
 * init_module), to unload "rk" (delete_module), to kexec it (kexec_file_load), loads a
 * 2-instruction BPF socket filter (bpf(BPF_PROG_LOAD)), asks for raw I/O ports (iopl(3)),
 * renames the host (sethostname("pwned")), sets the clock to the current time twice
 * (settimeofday as a raw syscall, because glibc's settimeofday is clock_settime; then
 * clock_settime) and tries to join PID 1's mount namespace (setns on /proc/1/ns/mnt).
 * A forked child makes itself root of a new user + mount namespace (unshare, setgroups,
 * uid_map, gid_map), mounts a tmpfs on /tmp/.rk/root, bind-mounts /home/auditor over it,
 * chroots there, detaches "/" (umount2 MNT_DETACH) and exits 0; the parent waits for it.
 * Then the parent drops /tmp/.rk/stage2.sh (mode 0755) and backdates it to
 * 2019-01-01T00:00:00Z three ways (utimensat, utimes, utime; the last two as raw syscalls,
 * because glibc implements both with utimensat), idles 1 s (the harness takes ss/ps then)
 * and exits 0. Every step prints one line to stdout; the whole run takes about 1 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#define RK_DIR "/tmp/.rk"
#define RK_KO RK_DIR "/rk.ko"
#define RK_ROOT RK_DIR "/root"
#define STAGE2 RK_DIR "/stage2.sh"
#define OLD_TIME 1546300800 /* 2019-01-01T00:00:00Z */
#define KEXEC_FILE_NO_INITRAMFS_FLAG 4

static void say(const char *what, long rc) {
  if (rc < 0) printf("esc: %s failed: %s\n", what, strerror(errno));
  else printf("esc: %s = %ld\n", what, rc);
  fflush(stdout);
}

static int write_file(const char *path, const void *data, size_t len, int flags, mode_t mode) {
  int fd = open(path, O_WRONLY | flags, mode);
  if (fd < 0) return -1;
  ssize_t n = write(fd, data, len);
  int saved = errno;
  close(fd);
  errno = saved;
  return n == (ssize_t)len ? 0 : -1;
}

static void read_hostname(void) {
  char buf[256] = "";
  FILE *f = fopen("/etc/hostname", "r");
  if (f == NULL) {
    say("fopen(/etc/hostname)", -1);
    return;
  }
  if (fgets(buf, sizeof buf, f) != NULL) buf[strcspn(buf, "\n")] = '\0';
  fclose(f);
  printf("esc: hostname %s\n", buf);
  fflush(stdout);
}

static void module_steps(void) {
  unsigned char ko[384];
  for (size_t i = 0; i < sizeof ko; i++) ko[i] = (unsigned char)(i * 37 + 11);
  memcpy(ko, "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\1\0\76\0", 20); /* ELF64 LE, ET_REL, x86-64 */
  mkdir(RK_DIR, 0755);
  say("write(" RK_KO ")", write_file(RK_KO, ko, sizeof ko, O_CREAT | O_TRUNC, 0644));
  int fd = open(RK_KO, O_RDONLY);
  say("open(" RK_KO ")", fd);
  say("finit_module(rk.ko)", syscall(SYS_finit_module, fd, "", 0));
  say("init_module(rk.ko)", syscall(SYS_init_module, ko, sizeof ko, ""));
  say("delete_module(rk)", syscall(SYS_delete_module, "rk", O_NONBLOCK));
  say("kexec_file_load(rk.ko)",
      syscall(SYS_kexec_file_load, fd, -1, 1UL, "", (unsigned long)KEXEC_FILE_NO_INITRAMFS_FLAG));
  close(fd);
}

static void bpf_step(void) {
  struct bpf_insn insns[2];
  union bpf_attr attr;
  memset(insns, 0, sizeof insns);
  insns[0].code = BPF_ALU64 | BPF_MOV | BPF_K; /* r0 = 0 */
  insns[0].dst_reg = BPF_REG_0;
  insns[1].code = BPF_JMP | BPF_EXIT;          /* exit */
  memset(&attr, 0, sizeof attr);
  attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
  attr.insn_cnt = 2;
  attr.insns = (uint64_t)(uintptr_t)insns;
  attr.license = (uint64_t)(uintptr_t)"GPL";
  long fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
  say("bpf(BPF_PROG_LOAD)", fd);
  if (fd >= 0) close((int)fd);
}

static void host_steps(void) {
  struct timeval now;
  say("iopl(3)", syscall(SYS_iopl, 3));
  say("sethostname(pwned)", sethostname("pwned", 5));
  struct timespec now_ts;
  gettimeofday(&now, NULL);
  say("settimeofday(now)", syscall(SYS_settimeofday, &now, NULL));
  clock_gettime(CLOCK_REALTIME, &now_ts);
  say("clock_settime(CLOCK_REALTIME, now)", clock_settime(CLOCK_REALTIME, &now_ts));
  int fd = open("/proc/1/ns/mnt", O_RDONLY);
  say("open(/proc/1/ns/mnt)", fd);
  say("setns(/proc/1/ns/mnt, CLONE_NEWNS)", setns(fd, CLONE_NEWNS));
  if (fd >= 0) close(fd);
}

static void child_escape(void) {
  char uid_map[32], gid_map[32]; /* "0 1001 1": ids taken before unshare (65534 after it) */
  snprintf(uid_map, sizeof uid_map, "0 %d 1", (int)getuid());
  snprintf(gid_map, sizeof gid_map, "0 %d 1", (int)getgid());
  say("child unshare(CLONE_NEWUSER|CLONE_NEWNS)", unshare(CLONE_NEWUSER | CLONE_NEWNS));
  say("child write(/proc/self/setgroups)", write_file("/proc/self/setgroups", "deny", 4, 0, 0));
  say("child write(/proc/self/uid_map)",
      write_file("/proc/self/uid_map", uid_map, strlen(uid_map), 0, 0));
  say("child write(/proc/self/gid_map)",
      write_file("/proc/self/gid_map", gid_map, strlen(gid_map), 0, 0));
  say("child mkdir(" RK_ROOT ")", mkdir(RK_ROOT, 0755));
  say("child mount(tmpfs, " RK_ROOT ")", mount("none", RK_ROOT, "tmpfs", 0, "size=1m"));
  say("child mount(/home/auditor, " RK_ROOT ", MS_BIND|MS_REC)",
      mount("/home/auditor", RK_ROOT, NULL, MS_BIND | MS_REC, NULL));
  say("child chroot(" RK_ROOT ")", chroot(RK_ROOT));
  say("child chdir(/)", chdir("/"));
  say("child umount2(/, MNT_DETACH)", umount2("/", MNT_DETACH));
  printf("esc: child uid %d gid %d\n", (int)getuid(), (int)getgid());
  fflush(stdout);
}

static void namespace_step(void) {
  int status = 0;
  pid_t pid = fork();
  if (pid < 0) {
    say("fork", -1);
    return;
  }
  if (pid == 0) {
    child_escape();
    _exit(0);
  }
  waitpid(pid, &status, 0);
  printf("esc: child %d exit status %d\n", (int)pid, WEXITSTATUS(status));
  fflush(stdout);
}

static void timestomp_step(void) {
  static const char script[] = "#!/bin/sh\necho stage2\n";
  struct timespec ts[2] = {{OLD_TIME, 0}, {OLD_TIME, 0}};
  struct timeval tv[2] = {{OLD_TIME, 0}, {OLD_TIME, 0}};
  struct utimbuf ub = {OLD_TIME, OLD_TIME};
  say("write(" STAGE2 ")", write_file(STAGE2, script, sizeof script - 1, O_CREAT | O_TRUNC, 0644));
  say("chmod(" STAGE2 ", 0755)", chmod(STAGE2, 0755));
  say("utimensat(" STAGE2 ", 2019-01-01)", utimensat(AT_FDCWD, STAGE2, ts, 0));
  say("utimes(" STAGE2 ", 2019-01-01)", syscall(SYS_utimes, STAGE2, tv));
  say("utime(" STAGE2 ", 2019-01-01)", syscall(SYS_utime, STAGE2, &ub));
}

int main(void) {
  printf("esc: start pid %d uid %d\n", (int)getpid(), (int)getuid());
  fflush(stdout);
  read_hostname();
  module_steps();
  bpf_step();
  host_steps();
  namespace_step();
  timestomp_step();
  printf("esc: idle 1 s\n");
  fflush(stdout);
  sleep(1);
  printf("esc: done\n");
  return 0;
}
