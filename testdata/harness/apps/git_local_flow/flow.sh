#!/bin/sh
# flow.sh: clones the local repository ../upstream.git (a path, no network), commits a change
# in the clone, shows the log and pushes the commit back to the local bare repository.
set -e
git clone -q ../upstream.git work
cd work
git config user.email dev@example.invalid
git config user.name Dev
echo "v2" >> VERSION
git add VERSION
git commit -q -m "bump version"
git log --oneline
git push -q origin HEAD:main
echo "flow: done"
