"""`core.params`: ids from request parameters, whatever was written instead."""

from __future__ import annotations

import pytest

from comenius.core.params import positive_id, positive_ids


@pytest.mark.parametrize("value", ["1", "42", "0042", str(2**63 - 1)])
def test_ids(value):
    assert positive_id(value) == int(value)


@pytest.mark.parametrize(
    "value", [None, 12, "", "0", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x1F", "²", "١٢", "𝟙", str(2**63), "9" * 5000]
)
def test_anything_else_is_no_id(value):
    assert positive_id(value) is None


def test_lists_keep_the_ids_only():
    assert positive_ids(["3", "x", "²", "9" * 5000, "7"]) == [3, 7]
