"""Private helpers that describe values in error messages without repeating personal data.

A message names the field, the kind of value expected and the kind of value found: "expected
a date YYYY-MM-DD, found a string of 9 characters". It never repeats a name, a date, free
text or a number a person could be identified by; only ids, enum codes and unit strings are
shown (see [`show`][practicemodel._describe.show]), escaped and cut short. Describing a value
never walks into it, so a value nested ten thousand levels deep, or one that contains itself,
is described as quickly as a number.
"""

from __future__ import annotations

import math

__all__ = ["SHOWN_LENGTH", "kind_of", "number", "show"]

SHOWN_LENGTH = 40
"""How many characters of an id, code or unit a message shows at most."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def kind_of(value: object) -> str:
    """Describe ``value`` by its kind and size only, as JSON would call it.

    >>> kind_of("Dana Wilson"), kind_of([[1]]), kind_of(None), kind_of(True)
    ('a string of 11 characters', 'an array of 1 item', 'null', 'true')
    """
    kind = type(value)
    if kind is str:
        length = len(value)  # type: ignore[arg-type]
        return "an empty string" if length == 0 else f"a string of {_plural(length, 'character')}"
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is int:
        return "an integer"
    if kind is float:
        number: float = value  # type: ignore[assignment]
        if math.isnan(number):
            return "NaN (not a number)"
        return "a number" if math.isfinite(number) else "an infinite number"
    if kind is list or kind is tuple:
        return f"an array of {_plural(len(value), 'item')}"  # type: ignore[arg-type]
    if kind is dict:
        return f"an object with {_plural(len(value), 'field')}"  # type: ignore[arg-type]
    name = kind.__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name}"


def show(value: object, limit: int = SHOWN_LENGTH) -> str:
    """Quote an id, code or unit for a message: escaped, and cut to ``limit`` characters.

    Control characters, line breaks and other unprintable characters are escaped (as
    ``repr`` escapes them), so a value can never start a new line of output or move the
    cursor; anything not a string is described by its kind.

    >>> show("x\\x00\\nFAKE: valid")
    "'x\\\\x00\\\\nFAKE: valid'"
    >>> show("a" * 50)
    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'... (50 characters)"
    >>> show(7)
    'an integer'
    """
    if type(value) is not str:
        return kind_of(value)
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}... ({len(value)} characters)"


def number(value: int | float) -> str:
    """Show a count or a magnitude, or say how big it is when it is too long to show.

    (Python refuses to turn an int of more than 4,300 digits into text, so a huge one is
    never written out.)

    >>> number(-45), number(2.5), number(10**400)
    ('-45', '2.5', 'a number of more than 12 digits')
    """
    if type(value) is int and not -10**12 < value < 10**12:
        return "a number of more than 12 digits"
    text = str(value)
    return text if len(text) <= 30 else f"a number written with {len(text)} characters"
