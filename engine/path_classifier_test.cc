#include "engine/path_classifier.h"

#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace rundown {
namespace {

TEST(PathClassifier, AppOwnConfigIsAppOthersSecretsAreSensitive) {
  PathClassifier c("/home/auditor/app");
  EXPECT_EQ(c.Classify("/home/auditor/app/.env"), PathClass::kApp);
  EXPECT_EQ(c.Classify("/home/auditor/app/lib/config.js"), PathClass::kApp);
  EXPECT_EQ(c.Classify("/home/auditor/app"), PathClass::kApp);
  EXPECT_EQ(c.Classify("/home/auditor/application/x"), PathClass::kHome);  // prefix, not a parent
  EXPECT_EQ(c.Classify("/home/other/project/.env"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.ssh/id_rsa"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/root/.aws/credentials"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/etc/passwd"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/etc/shadow"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.mozilla/firefox/abc.default/logins.json"), PathClass::kSensitive);
  // Token stealers' targets: chat clients, other browsers, wallets, password databases.
  EXPECT_EQ(c.Classify("/home/auditor/.config/discord/Local Storage/leveldb/000005.ldb"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/BraveSoftware/Brave-Browser/Default/Login Data"),
            PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.bitcoin/wallet.dat"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/backup/wallet.dat"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/Documents/passwords.kdbx"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/gh/hosts.yml"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/tmp/krb5cc_1001"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/etc/krb5.keytab"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/Ledger Live/app.json"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/atomic/Local Storage/leveldb/000003.log"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/Monero/wallets/main/main.keys"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/snap/chromium/common/chromium/Default/Login Data"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/Bitwarden/data.json"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/git/credentials"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.m2/settings.xml"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/NuGet/NuGet.Config"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/git/config"), PathClass::kHome);
  EXPECT_EQ(c.Classify("/home/auditor/.m2/repository/junit/junit/4.13/junit-4.13.pom"), PathClass::kHome);
  EXPECT_EQ(c.Classify("/var/run/secrets/kubernetes.io/serviceaccount/token"), PathClass::kSensitive);
  // Tokens and passwords beside the well-known files (cases/node_dep_tamper reads the first three).
  EXPECT_EQ(c.Classify("/home/auditor/.aws/sso/cache/3f1c0a9e.json"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.my.cnf"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/hub"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.aws/cli/cache/0a1b.json"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.config/sops/age/keys.txt"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.local/share/fish/fish_history"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.psql_history"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/etc/mysql/my.cnf"), PathClass::kSystem);
  // Flatpak browsers and chat clients (~/.var/app/<id>/config/...).
  EXPECT_EQ(c.Classify("/home/auditor/.var/app/com.google.Chrome/config/google-chrome/Default/Login Data"),
            PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.var/app/com.discordapp.Discord/config/discord/Local Storage/leveldb/000003.log"),
            PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.var/app/org.mozilla.firefox/.mozilla/firefox/x.default/key4.db"),
            PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.var/app/org.gnome.Calculator/config/dconf/user"), PathClass::kHome);
  EXPECT_EQ(c.Classify("/home/auditor/.config/hubspot/settings.json"), PathClass::kHome);
  EXPECT_EQ(c.Classify("/run/secrets/db_password"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/etc/kubernetes/admin.conf"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/var/lib/kubelet/pki/kubelet-client-current.pem"), PathClass::kSensitive);
  EXPECT_EQ(c.Classify("/home/auditor/.local/share/kwalletd/kdewallet.kwl"), PathClass::kSensitive);
  // Their neighbours are not.
  EXPECT_EQ(c.Classify("/etc/kubernetes/manifests/kube-apiserver.yaml"), PathClass::kSystem);
  EXPECT_EQ(c.Classify("/run/systemd/resolve/stub-resolv.conf"), PathClass::kSystem);
  EXPECT_EQ(c.Classify("/home/auditor/.config/gh/config.yml"), PathClass::kHome);
  EXPECT_EQ(c.Classify("/tmp/krb5.conf"), PathClass::kTemp);
  EXPECT_EQ(c.Classify("/etc/ld.so.cache"), PathClass::kSystem);
  EXPECT_EQ(c.Classify("/usr/lib/x86_64-linux-gnu/libc.so.6"), PathClass::kSystem);
  EXPECT_EQ(c.Classify("/proc/self/maps"), PathClass::kSystem);
  EXPECT_EQ(c.Classify("/tmp/x.sh"), PathClass::kTemp);
  EXPECT_EQ(c.Classify("/dev/shm/payload"), PathClass::kTemp);
  EXPECT_EQ(c.Classify("/home/auditor/.bashrc"), PathClass::kHome);
  EXPECT_EQ(c.Classify("/srv/data"), PathClass::kOther);
}

TEST(PathClassifier, UnknownAppDirClassifiesNothingAsApp) {
  PathClassifier c("");
  EXPECT_EQ(c.Classify("/home/auditor/app/.env"), PathClass::kSensitive);
  PathClassifier root("/");
  EXPECT_EQ(root.Classify("/etc/hosts"), PathClass::kSystem);
}

TEST(PathClassifier, JoinPathFoldsDotsLexically) {
  EXPECT_EQ(JoinPath("/home/auditor/app", "lib/../app.js"), "/home/auditor/app/app.js");
  EXPECT_EQ(JoinPath("/home/auditor/app", "./x"), "/home/auditor/app/x");
  EXPECT_EQ(JoinPath("/a/b", "/etc//passwd"), "/etc/passwd");
  EXPECT_EQ(JoinPath("/", "../../x"), "/x");
  EXPECT_TRUE(NeedsFolding("/home/auditor/app/data//mosquitto.db"));
  EXPECT_TRUE(NeedsFolding("/a/./b"));
  EXPECT_TRUE(NeedsFolding("/a/../b"));
  EXPECT_TRUE(NeedsFolding("/a/.."));
  EXPECT_FALSE(NeedsFolding("/home/auditor/app/data/"));
  EXPECT_FALSE(NeedsFolding("/home/auditor/.env.d/..x"));
  EXPECT_EQ(Dirname("/home/a/b.js"), "/home/a");
  EXPECT_EQ(Dirname("/x"), "/");
  EXPECT_EQ(Basename("/home/a/b.js"), "b.js");
}

TEST(PathClassifier, InstalledPackageRootIsTheInnermostPackageFolder) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"/home/auditor/app/node_modules/lodash/index.js", "/home/auditor/app/node_modules/lodash"},
      {"/app/node_modules/@babel/core/lib/index.js", "/app/node_modules/@babel/core"},
      {"/app/node_modules/a/node_modules/b/x.js", "/app/node_modules/a/node_modules/b"},
      {"/home/u/.local/lib/python3.11/site-packages/requests/__init__.py",
       "/home/u/.local/lib/python3.11/site-packages/requests"},
      {"/usr/lib/python3/dist-packages/six.py", "/usr/lib/python3/dist-packages/six.py"},  // a module file
      {"/app/node_modules/lodash", "/app/node_modules/lodash"},
      {"/app/node_modules/@scope", "/app/node_modules/@scope"},
      // Tool folders and caches are no package; nor is a path outside the package trees.
      {"/app/node_modules/.bin/tsc", ""},
      {"/app/node_modules/.cache/babel-loader/x.json", ""},
      {"/venv/lib/python3.11/site-packages/__pycache__/six.cpython-311.pyc", ""},
      {"/app/node_modules/", ""},
      {"/home/u/app/index.js", ""},
  };
  for (const auto& [path, root] : cases) EXPECT_EQ(PathClassifier::InstalledPackageRoot(path), root) << path;
}

}  // namespace
}  // namespace rundown
