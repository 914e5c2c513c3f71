// PathClassifier sorts file paths into the places a reviewer cares about: the app's own
// directory, system locations, other homes, temp, and secrets (credentials, keys, password
// databases, browser stores, other programs' .env files). The app's own `.env` is kApp:
// reading its own configuration is normal; someone else's is not.
#ifndef RUNDOWN_ENGINE_PATH_CLASSIFIER_H_
#define RUNDOWN_ENGINE_PATH_CLASSIFIER_H_

#include <string>
#include <string_view>

#include "engine/model.h"
#include "parsers/path_util.h"

namespace rundown {

class PathClassifier {
 public:
  // `app_dir` without a trailing slash, or "" when unknown.
  explicit PathClassifier(std::string app_dir) : app_dir_(std::move(app_dir)) {}
  PathClass Classify(std::string_view path) const;
  // True for well-known secret locations regardless of the app dir.
  static bool IsSecret(std::string_view path);
  // The folder of the installed package `path` lies in: ".../node_modules/<name>" (a scoped
  // package's "@scope/<name>"; the innermost node_modules), ".../site-packages/<name>" or
  // ".../dist-packages/<name>" (a top-level module file, six.py, is its own root). Empty for
  // a path in none of them, or in a tool's folder there (node_modules/.bin, node_modules/.cache,
  // __pycache__). The view points into `path`.
  static std::string_view InstalledPackageRoot(std::string_view path);

 private:
  bool UnderApp(std::string_view path) const;
  std::string app_dir_;
};

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_PATH_CLASSIFIER_H_
