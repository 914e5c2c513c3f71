int tally(const char *s) { int n = 0; for (; *s; s++) n += (*s == ','); return n + 1; }
