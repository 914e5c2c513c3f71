/* libgreet: the shared library that the deployed app needs but that was not shipped. */
#include <stdio.h>
void greet(const char *who) { printf("hello, %s\n", who); }
