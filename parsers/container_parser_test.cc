#include "parsers/container_parser.h"

#include "gtest/gtest.h"
