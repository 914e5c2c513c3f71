// File-system calls: open family (paths resolved against the dirfd annotation, O_* flags,
// modes, openat2's struct) and the path family (unlink, rename, mkdir, chmod, chown, link,
// symlink, truncate, chdir and their *at / f* forms). Every line is real strace 6.1 output:
// testdata/p*/ (the shared captures) or testdata/formats/strace/ (captured here).
#include "gtest/gtest.h"
#include "parsers/strace_test_util.h"

namespace rundown {
namespace {

using strace_test::DumpCase;
using strace_test::ExpectDumps;

TEST(StraceFile, OpenFamily) {
  static const DumpCase kCases[] = {
      // p1 strace_log.28 line 5: -y annotations on the dirfd and on the result.
      {"19:31:04.484256 openat(AT_FDCWD</home/auditor/app>, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = "
       "3</etc/ld.so.cache> <0.000127>",
       "openat tid=0 op=open res=3 fd=-100 str=\"/etc/ld.so.cache\" f=0x40 s2=\"/etc/ld.so.cache\" "
       "s3=\"AT_FDCWD</home/auditor/app>\""},
      // A relative path becomes absolute through the cwd annotation; O_CREAT's mode is octal.
      {"9564  00:38:58.221740 openat(AT_FDCWD</tmp/cap>, \"d1/f.txt\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = "
       "3</tmp/cap/d1/f.txt> <0.000128>",
       "openat tid=9564 op=open res=3 fd=-100 str=\"/tmp/cap/d1/f.txt\" f=0x4d a=438 s2=\"/tmp/cap/d1/f.txt\" "
       "s3=\"AT_FDCWD</tmp/cap>\""},
      // ENOENT probe: no result annotation.
      {"9564  00:38:58.115642 openat(AT_FDCWD</tmp/cap>, \"/usr/lib/locale/locale-archive\", O_RDONLY|O_CLOEXEC) = -1 "
       "ENOENT (No such file or directory) <0.000030>",
       "openat tid=9564 op=open res=-1 err=ENOENT fd=-100 str=\"/usr/lib/locale/locale-archive\" f=0x40 "
       "s3=\"AT_FDCWD</tmp/cap>\""},
      // A directory opened relative to "." and the result annotation naming it.
      {"9363  openat(AT_FDCWD</tmp/st>, \".\", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY) = 3</tmp/st>",
       "openat tid=9363 op=open res=3 fd=-100 str=\"/tmp/st\" f=0x8c0 s2=\"/tmp/st\" s3=\"AT_FDCWD</tmp/st>\""},
      // No -y: the path stays as written.
      {"openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3",
       "openat tid=0 op=open res=3 fd=-100 str=\"/etc/ld.so.cache\" f=0x40"},
      // -X raw and -X verbose print the flags as numbers.
      {"openat(-100, \"/etc/ld.so.cache\", 0x80000) = 3", "openat tid=0 op=open res=3 fd=-100 str=\"/etc/ld.so.cache\" f=0x40"},
      {"10671 openat(-100 /* AT_FDCWD */, \"/etc/ld.so.cache\", 0x80000 /* O_RDONLY|O_CLOEXEC */) = 3",
       "openat tid=10671 op=open res=3 fd=-100 str=\"/etc/ld.so.cache\" f=0x40"},
      {"10672 openat(-100 /* AT_FDCWD */, \"/nonexist\", 0 /* O_RDONLY */) = -1 ENOENT (No such file or directory)",
       "openat tid=10672 op=open res=-1 err=ENOENT fd=-100 str=\"/nonexist\""},
      // -X verbose / -X raw with -y (formats/strace/f_tt_y_X_verbose_escape.txt, _raw_escape.txt):
      // the annotation follows the number or its comment; the cwd is stored as -y alone prints it.
      {"6390  18:21:33.867502 openat(-100 /* AT_FDCWD */</tmp/escx>, \"/etc/hostname\", 0 /* O_RDONLY */) = "
       "3</etc/hostname>",
       "openat tid=6390 op=open res=3 fd=-100 str=\"/etc/hostname\" s2=\"/etc/hostname\" s3=\"AT_FDCWD</tmp/escx>\""},
      {"6398  18:21:34.902661 openat(-100</tmp/escx>, \"/etc/hostname\", 0) = 3</etc/hostname>",
       "openat tid=6398 op=open res=3 fd=-100 str=\"/etc/hostname\" s2=\"/etc/hostname\" s3=\"AT_FDCWD</tmp/escx>\""},
      // -e raw=openat: everything is a number; the path is a pointer.
      {"openat(0xffffff9c, 0x55f169b9bc90, 0, 0) = -1 ENOENT (No such file or directory)",
       "openat tid=0 op=open res=-1 err=ENOENT fd=-100 a=0"},
      // -xx: the path as \x escapes.
      {"7350  00:33:59.787467 openat(AT_FDCWD, \"\\x2f\\x65\\x74\\x63\\x2f\\x6c\\x64\\x2e\\x73\\x6f\\x2e\\x63\\x61\\x63\\x68\\x65\", "
       "O_RDONLY|O_CLOEXEC) = 3",
       "openat tid=7350 op=open res=3 fd=-100 str=\"/etc/ld.so.cache\" f=0x40"},
      // openat2's struct open_how (formats/strace/f_tt_T_yy_ops.txt, joined from its two halves).
      {"9564  00:38:58.245508 openat2(AT_FDCWD</tmp>, \"/etc/hostname\", {flags=O_RDONLY|O_CLOEXEC, resolve=0}, 24) = "
       "14</etc/hostname> <0.000039>",
       "openat2 tid=9564 op=open res=14 fd=-100 str=\"/etc/hostname\" f=0x40 s2=\"/etc/hostname\" s3=\"AT_FDCWD</tmp>\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceFile, EscapedAndDeviceAnnotationsAreNormalized) {
  // formats/strace/f_yy_odd_paths.txt: strace -yy escapes '<' '>' (octal) and odd bytes in
  // annotations, and appends a device to character devices.
  static const DumpCase kCases[] = {
      {"9363  openat(AT_FDCWD</tmp/st>, \"we>ird<na me\", O_RDONLY) = 3</tmp/st/we\\76ird\\74na me>",
       "openat tid=9363 op=open res=3 fd=-100 str=\"/tmp/st/we>ird<na me\" s2=\"/tmp/st/we>ird<na me\" s3=\"AT_FDCWD</tmp/st>\""},
      {"9363  read(3</tmp/st/we\\76ird\\74na me>, \"\", 131072) = 0",
       "read tid=9363 op=read res=0 fd=3 str=\"/tmp/st/we>ird<na me\""},
      {"9363  close(3</tmp/st/nl\\nx>)           = 0", "close tid=9363 op=close res=0 fd=3 str=\"/tmp/st/nl\nx\""},
      {"9363  close(1</dev/null<char 1:3>>)     = 0", "close tid=9363 op=close res=0 fd=1 str=\"/dev/null\""},
      {"dup2(3</dev/null<char 1:3>>, 0)         = 0</dev/null<char 1:3>>",
       "dup2 tid=0 op=dup res=0 fd=3 str=\"/dev/null\""},
      // A memfd's annotation is followed by "(deleted)".
      {"27424 00:58:48.203256 write(3</memfd:payload>(deleted), \"\\177ELF\\2\\1\\1\\0\"..., 35664) = 35664",
       "write tid=27424 op=write res=35664 fd=3 str=\"/memfd:payload\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceFile, PathFamily) {
  // formats/strace/f_tt_T_yy_ops.txt (python3 os.* calls) and p1 strace_log.28.
  static const DumpCase kCases[] = {
      {"19:31:04.707351 mkdir(\"/home/auditor/app/data\", 0777) = 0 <0.000114>",
       "mkdir tid=0 op=mkdir res=0 str=\"/home/auditor/app/data\" a=511"},
      {"9564  00:38:58.222552 rename(\"d1/f.txt\", \"d1/g.txt\") = 0 <0.000041>",
       "rename tid=9564 op=rename res=0 str=\"d1/f.txt\" s2=\"d1/g.txt\""},
      {"9564  00:38:58.222651 link(\"d1/g.txt\", \"d1/h.txt\") = 0 <0.000042>",
       "link tid=9564 op=link res=0 str=\"d1/g.txt\" s2=\"d1/h.txt\""},
      // symlink(target, linkpath): str = target as written, str2 = the link created.
      {"9564  00:38:58.222753 symlink(\"g.txt\", \"d1/s.txt\") = 0 <0.000056>",
       "symlink tid=9564 op=symlink res=0 str=\"g.txt\" s2=\"d1/s.txt\""},
      {"9564  00:38:58.222895 chmod(\"d1/g.txt\", 0600) = 0 <0.000016>",
       "chmod tid=9564 op=chmod res=0 str=\"d1/g.txt\" a=384"},
      {"9564  00:38:58.223001 chown(\"d1/g.txt\", 1001, 1001) = 0 <0.000033>",
       "chown tid=9564 op=chown res=0 str=\"d1/g.txt\" a=1001 b=1001"},
      {"9564  00:38:58.223125 truncate(\"d1/g.txt\", 1) = 0 <0.000039>",
       "truncate tid=9564 op=truncate res=0 str=\"d1/g.txt\""},
      {"9564  00:38:58.223228 unlink(\"d1/h.txt\") = 0 <0.000034>", "unlink tid=9564 op=unlink res=0 str=\"d1/h.txt\""},
      {"9564  00:38:58.223475 rmdir(\"d1\")       = 0 <0.000362>", "rmdir tid=9564 op=rmdir res=0 str=\"d1\""},
      {"9564  00:38:58.223874 chdir(\"/tmp\")     = 0 <0.000021>", "chdir tid=9564 op=chdir res=0 str=\"/tmp\""},
      // getcwd's output buffer is printed as the directory (the model's cwd without -y).
      {"56    15:51:12.690793 getcwd(\"/home/auditor/app\", 4096) = 18 <0.004114>",
       "getcwd tid=56 op=other res=18 str=\"/home/auditor/app\""},
      // readlink's answer is the second string, kept as printed; a failed call prints the buffer's address.
      // testdata/cases/node_shebang_direct, su_sh_c_py_cli, py_ssh_key_persist strace_log.
      {"45    00:53:46.400013 readlink(\"/proc/self/exe\", \"/usr/bin/node\", 8191) = 13 <0.000034>",
       "readlink tid=45 op=stat res=13 str=\"/proc/self/exe\" s2=\"/usr/bin/node\""},
      {"44    18:36:38.071068 readlinkat(3</>, \"lib\", \"usr/lib\", 4096) = 7 <0.000012>",
       "readlinkat tid=44 op=stat res=7 str=\"/lib\" s2=\"usr/lib\""},
      {"45    01:02:11.688356 readlink(\"/usr/bin/python3.11\", 0x7ffe6c8922f0, 4096) = -1 EINVAL (Invalid argument) "
       "<0.000009>",
       "readlink tid=45 op=stat res=-1 err=EINVAL str=\"/usr/bin/python3.11\""},
      // *at forms resolve against the dirfd; AT_EMPTY_PATH names the fd itself.
      {"28    1795375881.069284 newfstatat(3</etc/ld.so.cache>, \"\", {st_mode=S_IFREG|0644, st_size=41623, ...}, "
       "AT_EMPTY_PATH) = 0 <0.000077>",
       "newfstatat tid=28 op=stat res=0 fd=3 str=\"/etc/ld.so.cache\""},
      {"19:31:04.483941 access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory) <0.000071>",
       "access tid=0 op=stat res=-1 err=ENOENT str=\"/etc/ld.so.preload\""},
      {"28785 01:01:18.109514 newfstatat(AT_FDCWD</tmp/cap/w>, \"sub/../nothere\", 0x7ffd454198f0, 0) = -1 ENOENT "
       "(No such file or directory)",
       "newfstatat tid=28785 op=stat res=-1 err=ENOENT str=\"/tmp/cap/w/nothere\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

TEST(StraceFile, DirfdAndFdForms) {
  // formats/strace/f_tt_y_at.txt: python3's os.* with dir_fd= and fd arguments.
  static const DumpCase kCases[] = {
      {"28785 01:01:18.108517 mkdirat(3</tmp/cap/w>, \"sub\", 0750) = 0",
       "mkdirat tid=28785 op=mkdir res=0 str=\"/tmp/cap/w/sub\" a=488"},
      {"28785 01:01:18.108640 openat(3</tmp/cap/w>, \"sub/a.tmp\", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0640) = "
       "4</tmp/cap/w/sub/a.tmp>",
       "openat tid=28785 op=open res=4 fd=3 str=\"/tmp/cap/w/sub/a.tmp\" f=0x65 a=416 s2=\"/tmp/cap/w/sub/a.tmp\" "
       "s3=\"3</tmp/cap/w>\""},
      {"28785 01:01:18.108743 fchmod(4</tmp/cap/w/sub/a.tmp>, 0755) = 0",
       "fchmod tid=28785 op=chmod res=0 fd=4 str=\"/tmp/cap/w/sub/a.tmp\" a=493"},
      {"28785 01:01:18.108857 fchown(4</tmp/cap/w/sub/a.tmp>, 1001, -1) = 0",
       "fchown tid=28785 op=chown res=0 fd=4 str=\"/tmp/cap/w/sub/a.tmp\" a=1001"},
      {"28785 01:01:18.108934 ftruncate(4</tmp/cap/w/sub/a.tmp>, 0) = 0",
       "ftruncate tid=28785 op=truncate res=0 fd=4 str=\"/tmp/cap/w/sub/a.tmp\""},
      {"28785 01:01:18.109060 renameat(3</tmp/cap/w>, \"sub/a.tmp\", 3</tmp/cap/w>, \"sub/a\") = 0",
       "renameat tid=28785 op=rename res=0 str=\"/tmp/cap/w/sub/a.tmp\" s2=\"/tmp/cap/w/sub/a\""},
      {"28785 01:01:18.109154 linkat(3</tmp/cap/w>, \"sub/a\", 3</tmp/cap/w>, \"sub/b\", AT_SYMLINK_FOLLOW) = 0",
       "linkat tid=28785 op=link res=0 str=\"/tmp/cap/w/sub/a\" s2=\"/tmp/cap/w/sub/b\""},
      {"28785 01:01:18.109242 symlinkat(\"a\", 3</tmp/cap/w>, \"sub/c\") = 0",
       "symlinkat tid=28785 op=symlink res=0 str=\"a\" s2=\"/tmp/cap/w/sub/c\""},
      {"28785 01:01:18.109356 fchmodat(3</tmp/cap/w>, \"sub/a\", 0700) = 0",
       "fchmodat tid=28785 op=chmod res=0 str=\"/tmp/cap/w/sub/a\" a=448"},
      {"28785 01:01:18.109454 fchownat(3</tmp/cap/w>, \"sub/a\", 0, 0, 0) = 0",
       "fchownat tid=28785 op=chown res=0 str=\"/tmp/cap/w/sub/a\" a=0 b=0"},
      {"28785 01:01:18.109613 fchdir(3</tmp/cap/w>) = 0", "fchdir tid=28785 op=chdir res=0 fd=3 str=\"/tmp/cap/w\""},
      {"28785 01:01:18.109690 unlinkat(3</tmp/cap/w>, \"sub/b\", 0) = 0",
       "unlinkat tid=28785 op=unlink res=0 str=\"/tmp/cap/w/sub/b\""},
      // unlinkat with AT_REMOVEDIR removes a directory.
      {"28785 01:01:18.109915 unlinkat(3</tmp/cap/w>, \"sub\", AT_REMOVEDIR) = 0",
       "unlinkat tid=28785 op=rmdir res=0 str=\"/tmp/cap/w/sub\""},
      {"28785 01:01:18.109979 close(4</tmp/cap/w/sub/a>(deleted)) = 0",
       "close tid=28785 op=close res=0 fd=4 str=\"/tmp/cap/w/sub/a\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

// Extended attributes (formats/strace/f_tt_T_y_xattr.txt: python's os.setxattr as an
// unprivileged user; f_tt_T_y_setcap_root.txt: setcap as root): the file, or the fd's
// target, and the attribute's name; the value is not kept. Removals say so in the flags.
TEST(StraceFile, ExtendedAttributes) {
  static const DumpCase kCases[] = {
      {"6569  13:16:58.089899 setxattr(\"notes.txt\", \"user.origin\", \"download\", 8, 0) = 0 <0.000086>",
       "setxattr tid=6569 op=xattr res=0 str=\"notes.txt\" s2=\"user.origin\""},
      {"6569  13:16:58.090009 setxattr(\"py3\", \"security.capability\", "
       "\"\\1\\0\\0\\2\\200\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", 20, 0) = -1 EPERM (Operation not permitted) <0.000005>",
       "setxattr tid=6569 op=xattr res=-1 err=EPERM str=\"py3\" s2=\"security.capability\""},
      {"6569  13:16:58.090134 lsetxattr(\"py3\", \"security.capability\", "
       "\"\\1\\0\\0\\2\\200\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", 20, 0) = -1 EPERM (Operation not permitted) <0.000004>",
       "lsetxattr tid=6569 op=xattr res=-1 err=EPERM str=\"py3\" s2=\"security.capability\""},
      {"6569  13:16:58.090413 fsetxattr(3</tmp/xa/notes.txt>, \"security.capability\", "
       "\"\\1\\0\\0\\2\\200\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", 20, 0) = -1 EPERM (Operation not permitted) <0.000051>",
       "fsetxattr tid=6569 op=xattr res=-1 err=EPERM fd=3 str=\"/tmp/xa/notes.txt\" s2=\"security.capability\""},
      {"6569  13:16:58.090575 fremovexattr(3</tmp/xa/notes.txt>, \"user.seen\") = 0 <0.000006>",
       "fremovexattr tid=6569 op=xattr res=0 fd=3 str=\"/tmp/xa/notes.txt\" f=0x1 s2=\"user.seen\""},
      {"6569  13:16:58.090634 lremovexattr(\"py3\", \"security.capability\") = -1 EPERM (Operation not permitted) <0.000005>",
       "lremovexattr tid=6569 op=xattr res=-1 err=EPERM str=\"py3\" f=0x1 s2=\"security.capability\""},
      {"6631  13:17:05.266043 setxattr(\"/tmp/xa/py3root\", \"security.capability\", "
       "\"\\1\\0\\0\\2\\0 \\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", 20, 0) = 0 <0.000020>",
       "setxattr tid=6631 op=xattr res=0 str=\"/tmp/xa/py3root\" s2=\"security.capability\""},
  };
  ExpectDumps(kCases, std::size(kCases));
}

}  // namespace
}  // namespace rundown
