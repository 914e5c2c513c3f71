#include "parsers/program_log_parser.h"

#include "gtest/gtest.h"
