#include "parsers/path_util.h"

#include <vector>

namespace rundown {

std::string_view Dirname(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return slash == 0 ? std::string_view("/") : path.substr(0, slash);
}

std::string_view Basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view ProgramOf(std::string_view cmdline) { return Basename(cmdline.substr(0, cmdline.find(' '))); }

std::string JoinPath(std::string_view dir, std::string_view path) {
  std::string joined;
  if (!path.starts_with('/')) {
    joined.assign(dir);
    joined.push_back('/');
  }
  joined.append(path);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view p : parts) {
    out.push_back('/');
    out.append(p);
  }
  return out.empty() ? "/" : out;
}

bool NeedsFolding(std::string_view path) {
  return path.find("//") != std::string_view::npos || path.find("/./") != std::string_view::npos ||
         path.find("/../") != std::string_view::npos || path.ends_with("/.") || path.ends_with("/..");
}

}  // namespace rundown
