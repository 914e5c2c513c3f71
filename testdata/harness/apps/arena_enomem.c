/* Two threads malloc 64 KiB blocks until the address-space limit stops them: glibc's arena
 * reservation (mmap 128 MiB MAP_NORESERVE) is refused, 64 MiB is tried next, and a large
 * request falls back to mmap of the block itself; each fallback that succeeds follows a
 * refusal, so "the next mmap succeeded" does not mean the memory was there. Capture:
 *   gcc -O1 -pthread -o arena arena_enomem.c
 *   (ulimit -v 200000; strace -f -tt -T -e trace=mmap,munmap,brk -o arena.strace ./arena)
 * testdata/formats/strace/f_tt_T_arena_enomem.txt is its first 300 lines. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void* worker(void* arg) {
  size_t total = 0;
  for (;;) {
    void* p = malloc(64 * 1024);  /* below the mmap threshold: from the thread's arena */
    if (p == NULL) break;
    memset(p, 1, 64 * 1024);
    total += 64 * 1024;
  }
  printf("worker got %zu MiB\n", total >> 20);
  return NULL;
}
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  return 0;
}
