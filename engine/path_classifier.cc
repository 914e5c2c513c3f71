#include "engine/path_classifier.h"

#include <array>

namespace rundown {
namespace {

bool HasPrefix(std::string_view s, std::string_view p) { return s.starts_with(p); }
bool Contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// Whole files that hold secrets or account data.
constexpr std::array<std::string_view, 10> kSecretFiles = {
    "/etc/shadow", "/etc/gshadow", "/etc/passwd", "/etc/sudoers", "/etc/master.passwd",
    "/etc/security/opasswd", "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ed25519_key",
    "/etc/ssh/ssh_host_ecdsa_key", "/etc/krb5.keytab"};
// Path fragments that mark credentials wherever the home directory is.
// Besides keys and cloud or registry credentials: the browser, chat and wallet stores that
// token stealers (a staple of malicious npm and PyPI packages) go through.
constexpr std::array<std::string_view, 94> kSecretFragments = {
    "/.ssh/",          "/.aws/credentials", "/.aws/config",       "/.config/gcloud/",
    "/.azure/",        "/.kube/config",     "/.docker/config.json", "/.netrc",
    "/.git-credentials", "/.pgpass",        "/.npmrc",            "/.pypirc",
    "/.gnupg/",        "/.bash_history",    "/.zsh_history",      "/.mozilla/firefox/",
    "/.config/google-chrome/", "/.config/chromium/", "/.local/share/keyrings/",
    "/etc/sudoers.d/", "/.password-store/", "/id_rsa",
    "/.config/BraveSoftware/", "/.config/microsoft-edge/", "/.config/opera/", "/.config/vivaldi/",
    "/.config/discord/", "/.config/Slack/", "/.local/share/TelegramDesktop/", "/.config/Signal/",
    "/.thunderbird/",  "/.purple/accounts.xml", "/.config/filezilla/",
    "/.bitcoin/",      "/.electrum/",       "/.ethereum/keystore", "/.config/Exodus/",
    "/.config/solana/", "/.vault-token",    "/.terraform.d/credentials", "/.config/gh/hosts.yml",
    "/.cargo/credentials", "/.gem/credentials", "/.s3cfg", "/.config/rclone/rclone.conf",
    "/tmp/krb5cc_",
    // Desktop wallets and password managers the 2024-2025 PyPI/npm stealers list beside the
    // browsers: Ledger Live, Atomic, Guarda, Jaxx Liberty, Electrum's forks, Monero's GUI
    // wallets folder, Bitwarden's and 1Password's local vaults; Chromium as a snap.
    "/.config/Ledger Live/", "/.config/atomic/", "/.config/Guarda/", "/.config/com.liberty.jaxx/",
    "/.electrum-ltc/", "/.electron-cash/", "/Monero/wallets/", "/.config/Bitwarden/",
    "/.config/1Password/", "/snap/chromium/common/chromium/", "/.config/yandex-browser/",
    // Developer tokens the same stealers collect: git's XDG credential store, Maven's and
    // Gradle's repository and signing passwords, NuGet's package sources, Composer's,
    // podman's and Helm's registry logins, the OCI, DigitalOcean, Terraform Cloud, Hetzner
    // and Databricks CLIs' tokens.
    "/.config/git/credentials", "/.m2/settings.xml", "/.m2/settings-security.xml", "/.gradle/gradle.properties",
    "/NuGet/NuGet.Config", "/.config/composer/auth.json", "/.composer/auth.json", "/.config/containers/auth.json",
    "/.config/helm/registry/config.json", "/.oci/config", "/.config/doctl/config.yaml", "/.terraformrc",
    "/.config/hcloud/cli.toml", "/.databrickscfg",
    // Container and cluster credentials: a pod's service-account token and the secrets Docker
    // and Kubernetes mount under /run/secrets (/var/run/secrets is the same folder), which are
    // what an attacker inside a container reads to move to the cluster; a control-plane node's
    // admin and kubelet kubeconfigs and their keys. KDE's wallet beside GNOME's keyrings.
    "/run/secrets/", "/etc/kubernetes/admin.conf", "/etc/kubernetes/kubelet.conf",
    "/etc/kubernetes/pki/", "/var/lib/kubelet/pki/", "/.local/share/kwalletd/",
    // Session tokens and passwords kept beside the files above: the AWS CLI's SSO and
    // assumed-role caches (live access tokens), MySQL's client passwords (~/.my.cnf, and the
    // obfuscated ~/.mylogin.cnf), hub's GitHub token, gsutil's ~/.boto, Docker's pre-1.7
    // ~/.dockercfg, sops' age private keys and ngrok's authtoken; the history files of the
    // database shells and of fish, which keep typed passwords (ALTER USER ... PASSWORD, AUTH,
    // mysql -p...) as bash's history does. Their files named whole are kSecretSuffixes.
    "/.aws/sso/cache/", "/.aws/cli/cache/", "/.config/sops/age/", "/.ngrok2/ngrok.yml",
    "/.config/ngrok/ngrok.yml", "/.local/share/fish/fish_history",
    // The same browsers and chat clients installed as Flatpaks keep their profiles under
    // ~/.var/app/<id>/config/ (no dot), where the fragments above do not reach them; Firefox's
    // and Thunderbird's Flatpak profiles keep their dot-folders and are matched already.
    "/.var/app/com.google.Chrome/", "/.var/app/org.chromium.Chromium/", "/.var/app/com.brave.Browser/",
    "/.var/app/com.microsoft.Edge/", "/.var/app/com.opera.Opera/", "/.var/app/com.vivaldi.Vivaldi/",
    "/.var/app/com.discordapp.Discord/", "/.var/app/org.signal.Signal/", "/.var/app/org.telegram.desktop/",
    "/.var/app/com.slack.Slack/", "/.var/app/com.bitwarden.desktop/"};
// Files matched by their whole name, so that ~/.config/hubspot/ or ~/.boto-cache/ are not.
constexpr std::array<std::string_view, 7> kSecretSuffixes = {
    "/.my.cnf", "/.mylogin.cnf", "/.config/hub", "/.boto", "/.dockercfg", "/.mysql_history", "/.psql_history"};

}  // namespace

bool PathClassifier::IsSecret(std::string_view path) {
  for (std::string_view f : kSecretFiles)
    if (path == f) return true;
  for (std::string_view f : kSecretFragments)
    if (Contains(path, f)) return true;
  for (std::string_view f : kSecretSuffixes)
    if (path.ends_with(f)) return true;
  std::string_view base = Basename(path);
  return base == ".env" || base.starts_with(".env.") || base == "credentials.json" ||
         base == "id_rsa" || base == "id_ed25519" || base == "id_ecdsa" || base == "Login Data" ||
         base == "key4.db" || base == "logins.json" || base == "wallet.dat" || base.ends_with(".kdbx");
}

std::string_view PathClassifier::InstalledPackageRoot(std::string_view path) {
  for (std::string_view tree : {"/node_modules/", "/site-packages/", "/dist-packages/"}) {
    const size_t at = path.rfind(tree);
    if (at == std::string_view::npos) continue;
    const size_t start = at + tree.size();
    size_t end = path.find('/', start);
    if (path.substr(start).starts_with('@') && end != std::string_view::npos) end = path.find('/', end + 1);
    const std::string_view name = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (name.empty() || name.front() == '.' || name == "__pycache__") return {};
    return path.substr(0, end);
  }
  return {};
}

bool PathClassifier::UnderApp(std::string_view path) const {
  if (app_dir_.empty() || app_dir_ == "/") return false;
  return path == app_dir_ || (HasPrefix(path, app_dir_) && path.size() > app_dir_.size() &&
                              path[app_dir_.size()] == '/');
}

PathClass PathClassifier::Classify(std::string_view path) const {
  // The app's own tree first: its .env and keys are its configuration, not a theft. Its
  // node_modules are still the app's.
  if (UnderApp(path)) return PathClass::kApp;
  if (IsSecret(path)) return PathClass::kSensitive;
  if (HasPrefix(path, "/tmp/") || path == "/tmp" || HasPrefix(path, "/var/tmp/") ||
      HasPrefix(path, "/dev/shm/"))
    return PathClass::kTemp;
  if (HasPrefix(path, "/home/") || HasPrefix(path, "/root/") || path == "/root")
    return PathClass::kHome;
  static constexpr std::array<std::string_view, 13> kSystem = {
      "/usr/", "/lib/", "/lib64/", "/lib32/", "/bin/", "/sbin/", "/etc/",
      "/proc/", "/sys/", "/dev/", "/run/", "/var/", "/opt/"};
  for (std::string_view p : kSystem)
    if (HasPrefix(path, p)) return PathClass::kSystem;
  return PathClass::kOther;
}

}  // namespace rundown
