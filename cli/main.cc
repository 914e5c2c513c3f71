#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return rundown::cli::RunCli(argc, argv, std::cout, std::cerr);
}
