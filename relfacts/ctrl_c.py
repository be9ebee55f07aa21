"""Ctrl-C (SIGINT) for the command and its batches.

Python raises KeyboardInterrupt wherever the main process happens to be.  One
raised in a __del__ or a callback (as when a module is imported or a pattern
freed) is printed and lost ("Exception ignored …"), and the command would go
on; one raised in the middle of a write leaves a document half written.  So
the command (relfacts/__main__.py) handles SIGINT with a CtrlC from its first
line on: it raises KeyboardInterrupt as Python does (but not in a __del__:
the signal comes again a moment later) and notes it.

A batch runs `held()`: there Ctrl-C is noted and raised only where the batch
waits for its next document (`awaited`, which also extracts it when no worker
does) and at `check()`, never in the middle of writing a document, drawing the
progress bar or printing a line (an interrupt inside rich's console leaves its
output buffered for ever, and the last line unsaid).

Once a KeyboardInterrupt is raised the command is stopping (within a second:
the workers are stopped, the output closed, one line says what was written).
Another Ctrl-C then raises nothing, which would cut those steps short.  A
third press ends the process at once, in case a step hangs (or a held write
never ends: a reader that stopped reading)."""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading


_END = object()


class CtrlC:
    def __init__(self):
        self.pressed = 0
        self.holding = False
        self.stopping = False

    def __call__(self, signum, frame):
        if frame is not None and frame.f_code.co_name == "__del__":
            # Python would print it and lose it here (regex frees its parse trees so): again in a moment
            threading.Timer(0.02, os.kill, (os.getpid(), signum)).start()
            return
        self.pressed += 1
        if self.pressed >= 3:
            self.end_now()
        if self.stopping or self.holding:
            return
        self.stopping = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.pressed:
            self.stopping = True
            raise KeyboardInterrupt

    @staticmethod
    def end_now() -> None:
        """End the process at once, with exit code 130: its worker processes
        first (they would print a traceback at a pipe closed under them)."""
        multiprocessing = sys.modules.get("multiprocessing")
        if multiprocessing is not None:
            for child in multiprocessing.active_children():
                child.kill()
        # on a terminal the progress bar may still be drawn: the line goes below
        # it, and the cursor the bar hid is shown again
        os.write(2, (b"\n\x1b[?25h" if os.isatty(2) else b"") + b"relfacts: interrupted\n")
        os._exit(130)

    @contextlib.contextmanager
    def held(self):
        """A Ctrl-C while the block runs is raised at its end (or at a
        `check()`, or while an item is `awaited`), not where it comes."""
        holding, self.holding = self.holding, True
        try:
            yield
        finally:
            self.holding = holding
        self.check()

    def awaited(self, items):
        """The items of an iterable, each awaited with Ctrl-C raised at once,
        in a held block too (a Ctrl-C noted before is raised first)."""
        items = iter(items)
        try:
            while True:
                self.check()
                holding, self.holding = self.holding, False
                try:
                    item = next(items, _END)
                finally:
                    self.holding = holding
                if item is _END:
                    return
                yield item
        finally:
            if hasattr(items, "close"):  # a generator stopped by Ctrl-C stops its workers now
                items.close()

    @classmethod
    def install(cls) -> CtrlC:
        ctrl_c = cls()
        signal.signal(signal.SIGINT, ctrl_c)
        return ctrl_c

    @classmethod
    @contextlib.contextmanager
    def watch(cls):
        """The CtrlC in charge of SIGINT while the block runs: the command's,
        or one for the block (only the main thread handles signals: elsewhere
        it is never pressed)."""
        current = signal.getsignal(signal.SIGINT)
        if isinstance(current, cls) or threading.current_thread() is not threading.main_thread():
            yield current if isinstance(current, cls) else cls()
            return
        ctrl_c = cls()
        signal.signal(signal.SIGINT, ctrl_c)
        try:
            yield ctrl_c
        finally:
            signal.signal(signal.SIGINT, current)
