/* reportd: a small daemon linked against libgreet.so.1 (rpath $ORIGIN/lib). Deployed
 * without its library, it never reaches main(): the dynamic loader exits 127. */
#include <stdio.h>
#include <unistd.h>
void greet(const char *who);
int main(void) {
  greet("reportd");
  sleep(1);
  return 0;
}
