"""Numbers in words."""

from __future__ import annotations

import pytest

from dashboard.wording import ordinal


@pytest.mark.parametrize(("number", "expected"), [(1, "1st"), (2, "2nd"), (3, "3rd"),
                                                  (4, "4th"), (11, "11th"), (12, "12th"),
                                                  (13, "13th"), (21, "21st"), (112, "112th")])
def test_ordinal(number: int, expected: str) -> None:
    assert ordinal(number) == expected
