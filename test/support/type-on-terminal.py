"""Runs a command on a pseudo-terminal and types each line after the prompt containing the given text
shows (argv: a JSON list of [prompt, line] pairs, then the command). Prints everything the terminal
showed, so a test can check what was echoed. Node has no pty of its own; Python's standard one does."""
import json, os, pty, sys, time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
shown = b""

def read_until(text, timeout=30):
    global shown
    end = time.time() + timeout
    while text not in shown and time.time() < end:
        try:
            shown += os.read(fd, 1024)
        except OSError:
            return

for prompt, line in steps:
    read_until(prompt.encode())
    os.write(fd, line.encode() + b"\r")
read_until(b"\x00", timeout=30)  # until the command ends (EOF)
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode("utf8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
