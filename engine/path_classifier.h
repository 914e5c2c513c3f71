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

 private:
  bool UnderApp(std::string_view path) const;
  std::string app_dir_;
};

}  // namespace rundown

#endif  // RUNDOWN_ENGINE_PATH_CLASSIFIER_H_
