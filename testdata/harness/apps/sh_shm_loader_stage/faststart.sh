#!/bin/bash
# "fast-start": says it warms a cache in shared memory. Really: stages code in /dev/shm and
# /tmp and runs it without naming a dropped program in any exec: an ELF copied to /dev/shm
# without its execute bit and run by the dynamic loader (the noexec-mount bypass), a Python
# stage and a shell stage fed to their interpreters on standard input.
echo "fast-start: warming"
cp /usr/bin/id /dev/shm/.shm-cache
chmod 644 /dev/shm/.shm-cache
/lib64/ld-linux-x86-64.so.2 /dev/shm/.shm-cache -un
printf 'import os\nprint("stage py", os.getuid())\n' > /dev/shm/.shm-warm
python3 < /dev/shm/.shm-warm
printf 'echo "stage sh $(uname -n)"\n' > /tmp/.warm-sh
bash -s < /tmp/.warm-sh
rm -f /dev/shm/.shm-cache /dev/shm/.shm-warm /tmp/.warm-sh
echo "fast-start: done"
