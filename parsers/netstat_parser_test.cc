#include "parsers/netstat_parser.h"

#include "gtest/gtest.h"
