"""The verification code as printed and as typed."""

import re

from emulation.pledges.codes import canonical_code, random_code


def test_random_code_is_three_groups_of_four_unambiguous_characters():
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", random_code())


def test_canonical_code_reads_a_code_however_it_is_typed():
    typed = ["abcdefghjklm", " ABCD efgh JKLM ", "abcd–efgh—jklm", "ABCD - EFGH - JKLM"]
    assert [canonical_code(text) for text in typed] == ["ABCD-EFGH-JKLM"] * 4


def test_canonical_code_of_text_that_is_no_code_matches_no_code():
    assert (canonical_code("abc-def"), canonical_code("")) == ("ABCDEF", "")
