"""The `relfacts` command (`python -m relfacts`).  Ctrl-C is handled from the
first line on (relfacts/ctrl_c.py): while the modules load it ends the command
as it does later, with one line and exit code 130, no traceback."""
import gc
import os
import sys


def main():
    from .ctrl_c import CtrlC

    CtrlC.install()
    # the modules loaded now live as long as the process: the collector is
    # paused while they load, and need not walk them afterwards (its passes
    # over them were 5 ms of the start)
    gc.disable()
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("relfacts: interrupted\n")
        sys.stderr.flush()
        os._exit(130)
    finally:
        gc.freeze()
        gc.enable()
    run()


if __name__ == "__main__":
    main()
