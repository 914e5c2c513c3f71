int evil_value(void) { return 42; }
