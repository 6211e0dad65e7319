"""A one-line progress bar for long command-line runs (``practicemodel review``).

The bar redraws one terminal line (carriage return, no newline) at most every
``min_interval`` seconds: a bar and percentage when the total is known, the count of cases
done, the rate and the time left. The fraction can follow a different measure from the
count: reading a file, it follows bytes read (the file's size is known before the cases are)
while the count is of cases.

It keeps no global state and never writes to standard output; the command line shows it on
standard error when that is a terminal. The clock is a parameter, so tests need no sleeping.

>>> import io
>>> ticks = iter([0.0, 0.0, 10.0, 20.0])
>>> out = io.StringIO()
>>> bar = ProgressBar(out, total=400, clock=lambda: next(ticks), width=10)
>>> bar.advance(100)
>>> bar.finish()
>>> out.getvalue().split("\\r")[-1]
'[##--------]  25%  100 cases  10 cases/s  0:30 left\\n'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from practicemodel.errors import InvalidInputError

__all__ = ["ProgressBar"]


def _clock_text(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    """Draw progress towards ``total`` (or just a count and a rate when it is unknown).

    Args:
        stream: where to draw (a terminal; standard error on the command line).
        total: the amount of work, in the unit of ``work`` passed to
            [`advance`][practicemodel.progress.ProgressBar.advance] (cases, or bytes when
            reading a file); ``None`` when unknown.
        unit: what the count counts (default ``"cases"``).
        clock: seconds as a float (default ``time.monotonic``).
        min_interval: least time between redraws, in seconds.
        width: characters of the bar.

    Raises:
        InvalidInputError: ``total`` is negative or not an int, ``width`` is below 1,
            ``min_interval`` is not a number of 0 or more, ``unit`` is not a str or ``clock``
            is not callable.
    """

    __slots__ = ("_clock", "_count", "_drawn_at", "_interval", "_start", "_stream", "_total",
                 "_unit", "_width", "_work")

    def __init__(self, stream: TextIO, *, total: int | None, unit: str = "cases",
                 clock: Callable[[], float] = time.monotonic, min_interval: float = 0.2,
                 width: int = 30) -> None:
        if total is not None and (isinstance(total, bool) or not isinstance(total, int)
                                  or total < 0):
            raise InvalidInputError(f"'total' must be an int of 0 or more, or None "
                                    f"(got {total!r})")
        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise InvalidInputError(f"'width' must be an int of 1 or more (got {width!r})")
        if isinstance(min_interval, bool) or not isinstance(min_interval, int | float) \
                or not min_interval >= 0:
            raise InvalidInputError(f"'min_interval' must be a number of 0 or more (got "
                                    f"{min_interval!r})")
        if not isinstance(unit, str):
            raise InvalidInputError(f"'unit' must be a str (got {unit!r})")
        if not callable(clock):
            raise InvalidInputError(f"'clock' must be callable (got {clock!r})")
        self._stream, self._total, self._unit = stream, total, unit
        self._clock, self._interval, self._width = clock, min_interval, width
        self._start = clock()
        self._drawn_at: float | None = None
        self._count = 0
        self._work = 0

    @property
    def count(self) -> int:
        """How many units (cases) are done."""
        return self._count

    def advance(self, count: int, work: int | None = None) -> None:
        """Record ``count`` more cases done (and ``work`` more of the total, default
        ``count``); redraw if ``min_interval`` has passed since the last draw.

        Raises:
            InvalidInputError: ``count`` or ``work`` is not an int of 0 or more.
        """
        for name, value in (("count", count), ("work", work)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or value < 0):
                raise InvalidInputError(f"{name!r} must be an int of 0 or more (got {value!r})")
        self._count += count
        self._work += count if work is None else work
        now = self._clock()
        if self._drawn_at is None or now - self._drawn_at >= self._interval:
            self._draw(now)

    def finish(self) -> None:
        """Draw the final state and end the line."""
        self._draw(self._clock())
        self._stream.write("\n")
        self._stream.flush()

    def line(self, now: float) -> str:
        """The text of the bar at time ``now``."""
        elapsed = max(now - self._start, 0.0)
        rate = self._count / elapsed if elapsed > 0 else None
        parts = []
        if self._total:
            fraction = min(self._work / self._total, 1.0)
            filled = int(fraction * self._width)
            parts.append(f"[{'#' * filled}{'-' * (self._width - filled)}] {fraction:4.0%}")
        parts.append(f"{self._count:,} {self._unit}")
        if rate is not None:
            parts.append(f"{rate:,.0f} {self._unit}/s")
            if self._total and 0 < self._work < self._total:
                left = elapsed * (self._total - self._work) / self._work
                parts.append(f"{_clock_text(left)} left")
            elif self._total and self._work >= self._total:
                parts.append(f"{_clock_text(elapsed)} in all")
        return "  ".join(parts)

    def _draw(self, now: float) -> None:
        self._drawn_at = now
        self._stream.write("\r" + self.line(now))
        self._stream.flush()
