import re, sys, subprocess
# usage: dis.py asm.txt N  -> disassemble the N-th C2 method's [MachCode] bytes
lines = open(sys.argv[1]).read().split("\n")
which = int(sys.argv[2]); k = -1; start = None
for i, l in enumerate(lines):
    if l.startswith("Compiled method (c2)"):
        k += 1
        if k == which: start = i
buf = bytearray(); base = None
for l in lines[start:]:
    if l.startswith("[Stub Code]") or l.startswith("[Exception Handler]"): break
    m = re.match(r"\s+0x([0-9a-f]+): ([0-9a-f |]+)$", l)
    if m:
        if base is None: base = int(m.group(1), 16)
        buf += bytes.fromhex(m.group(2).replace("|", "").replace(" ", ""))
open("/tmp/probe/code.bin", "wb").write(buf)
out = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", "--adjust-vma=%#x" % base, "/tmp/probe/code.bin"], capture_output=True, text=True).stdout
print(out)
