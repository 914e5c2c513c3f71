# A MAP_HUGETLB mapping refused (ENOMEM: vm.nr_hugepages is 0), then an ordinary shared one.
#   strace -f -tt [-X raw | -X verbose] -e trace=mmap -o huge.strace /usr/bin/python3 mmap_hugetlb.py
# testdata/formats/strace/f_tt_mmap_hugetlb.txt, f_tt_X_raw_mmap_hugetlb.txt, f_tt_X_verbose_mmap_hugetlb.txt;
# without -e trace=mmap: f_tt_mmap_hugetlb_unfiltered.txt.
import mmap
try:
    mmap.mmap(-1, 2 * 1024 * 1024, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x40000)
except OSError as e:
    print(e)
m = mmap.mmap(-1, 2 * 1024 * 1024, flags=mmap.MAP_SHARED | mmap.MAP_ANONYMOUS)
