#!/usr/bin/python3
"""Runs a command and prints its peak resident memory (the largest of it and its children) in MB on stderr.

    bench/peak_rss.py COMMAND [ARG...]
"""
import resource, subprocess, sys

code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr)
sys.exit(code)
