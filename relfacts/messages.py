"""Messages to standard error: errors, warnings, the progress bar.

rich (about 40 ms to import) is imported at the first message, not at start:
a run that prints no message, the common one, never loads it."""
from __future__ import annotations


class Messages:
    """Standard error as a rich console, made when first used."""

    def __init__(self):
        self._console = None

    @property
    def console(self):
        """The rich Console on standard error (a progress bar draws on it)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal

    def print(self, *objects, **options) -> None:
        self.console.print(*objects, **options)
