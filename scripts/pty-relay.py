#!/usr/bin/env python3
"""A serial port for a program that talks on stdin/stdout, such as Espruino's Linux build.

    python3 scripts/pty-relay.py COMMAND [ARGS...]

Opens a pseudo-terminal pair, prints the slave's path (/dev/pts/N: the "serial port" to give
to cardcage-mgmt --port) as the first line of stdout, then runs COMMAND with its stdin and
stdout on pipes and relays bytes between them and the pty's master. What COMMAND prints is
also copied to this script's stdout (after the path line). The slave is set raw (no echo, no
line editing: bytes pass as on a serial line) and kept open here, so that a client may close
it and open it again without a hangup. When nobody reads the slave and its queue is full,
COMMAND's output is dropped, as on a serial line with no one listening.

Ends, killing COMMAND, when its own stdin reaches end of file (the parent went away), on
SIGTERM/SIGINT, or when COMMAND exits.
"""
import os
import select
import signal
import subprocess
import sys
import tty

def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    master, slave = os.openpty()
    tty.setraw(slave)
    os.set_blocking(master, False)
    sys.stdout.write(os.ttyname(slave) + "\n")
    sys.stdout.flush()
    child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

    def stop(*_):
        if child.poll() is None:
            child.kill()
            child.wait()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    out = child.stdout.fileno()
    inp = child.stdin.fileno()
    watch = [master, out, sys.stdin.fileno()]
    while True:
        ready, _, _ = select.select(watch, [], [])
        if out in ready:
            data = os.read(out, 4096)
            if not data:
                break
            try:
                os.write(master, data)
            except BlockingIOError:
                pass  # nobody reads the port: lost, as on a serial line
            os.write(sys.stdout.fileno(), data)
        if master in ready:
            try:
                data = os.read(master, 4096)
            except (BlockingIOError, OSError):
                data = b""
            if data:
                os.write(inp, data)
        if sys.stdin.fileno() in ready:
            if not os.read(sys.stdin.fileno(), 1024):
                break
    stop()

if __name__ == "__main__":
    sys.exit(main())
