set -e
cd /opt/fp/gitw
rm -rf repo; mkdir repo; cd repo
git init -q .
git config user.email dev@example.invalid
git config user.name Dev
echo hello > README
git add README
git commit -q -m init
git status --short
git log --oneline
git config core.hooksPath .husky
