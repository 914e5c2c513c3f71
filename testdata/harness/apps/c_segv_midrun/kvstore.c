/* kvstore: tiny in-memory key/value HTTP service on 127.0.0.1:9100 (test program for
 * rundown). Benign, but /stats has a bug: it walks every hash bucket and dereferences the
 * empty ones -> SIGSEGV in the middle of the run, after serving normal requests. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUCKETS 8
struct entry { char key[32]; char val[64]; struct entry *next; };
static struct entry *table[BUCKETS];

static void logf_(const char *fmt, ...) {
  char ts[32];
  time_t now = time(NULL);
  va_list ap;
  strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
  fprintf(stderr, "%s kvstore[%d]: ", ts, getpid());
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static unsigned hash(const char *s) {
  unsigned h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h % BUCKETS;
}

static const char *param(const char *query, const char *name, char *out, size_t n) {
  size_t len = strlen(name);
  for (const char *p = query; p && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 : NULL) {
    if (strncmp(p, name, len) == 0 && p[len] == '=') {
      size_t i = 0;
      for (p += len + 1; *p && *p != '&' && *p != ' ' && i + 1 < n; p++) out[i++] = *p;
      out[i] = 0;
      return out;
    }
  }
  return NULL;
}

static void snapshot(void) {
  FILE *f = fopen("data/snapshot.txt", "w");
  if (!f) { logf_("snapshot: %s", strerror(errno)); return; }
  for (int b = 0; b < BUCKETS; b++)
    for (struct entry *e = table[b]; e; e = e->next) fprintf(f, "%s=%s\n", e->key, e->val);
  fclose(f);
}

static int stats(char *out, size_t n) {
  int count = 0, longest = 0;
  for (int b = 0; b < BUCKETS; b++) {
    struct entry *e = table[b];
    int len = 1;                      /* BUG: assumes every bucket has a head entry */
    count += (e->key[0] != 0);
    for (e = e->next; e; e = e->next) len++, count++;
    if (len > longest) longest = len;
  }
  return snprintf(out, n, "{\"keys\":%d,\"longest_chain\":%d}\n", count, longest);
}

static void reply(int c, int status, const char *body) {
  char head[160];
  int n = snprintf(head, sizeof head, "HTTP/1.0 %d %s\r\nContent-Length: %zu\r\n\r\n", status,
                   status == 200 ? "OK" : "Not Found", strlen(body));
  if (write(c, head, (size_t)n) < 0 || write(c, body, strlen(body)) < 0) logf_("write: %s", strerror(errno));
}

static void handle(int c) {
  char req[1024], k[32], v[64], body[256];
  ssize_t r = read(c, req, sizeof req - 1);
  if (r <= 0) return;
  req[r] = 0;
  char *path = strchr(req, ' ');
  if (!path) return;
  path++;
  char *q = strchr(path, '?');
  if (strncmp(path, "/set?", 5) == 0 && param(q + 1, "k", k, sizeof k) && param(q + 1, "v", v, sizeof v)) {
    struct entry *e = calloc(1, sizeof *e);
    snprintf(e->key, sizeof e->key, "%s", k);
    snprintf(e->val, sizeof e->val, "%s", v);
    e->next = table[hash(k)];
    table[hash(k)] = e;
    snapshot();
    reply(c, 200, "ok\n");
    logf_("set %s", k);
  } else if (strncmp(path, "/get?", 5) == 0 && param(q + 1, "k", k, sizeof k)) {
    for (struct entry *e = table[hash(k)]; e; e = e->next)
      if (strcmp(e->key, k) == 0) { snprintf(body, sizeof body, "%s\n", e->val); reply(c, 200, body); logf_("get %s hit", k); return; }
    reply(c, 404, "no such key\n");
    logf_("get %s miss", k);
  } else if (strncmp(path, "/stats", 6) == 0) {
    logf_("stats requested");
    stats(body, sizeof body);
    reply(c, 200, body);
  } else {
    reply(c, 404, "not found\n");
  }
}

int main(void) {
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(9100)};
  int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
  setvbuf(stderr, NULL, _IOLBF, 0);
  mkdir("data", 0755);
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 16) < 0) {
    logf_("bind: %s", strerror(errno));
    return 1;
  }
  logf_("listening on 127.0.0.1:9100");
  for (int served = 0; served < 50; served++) {  /* bounded */
    int c = accept(s, NULL, NULL);
    if (c < 0) continue;
    handle(c);
    close(c);
  }
  return 0;
}
