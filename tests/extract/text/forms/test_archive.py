"""ZIP bundles: each member a report of its own, GBK names read, bombs refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from extract.errors import InputError
from extract.evaluation.forms import as_zip
from extract.text.forms.archive import MAX_MEMBERS, member_bytes, members
from extract.text.limits import MAX_FILE_BYTES


class _GbkName(zipfile.ZipInfo):
    """A member name written in GBK without the UTF-8 flag, as Chinese Windows archivers write it
    (zipfile itself writes only ASCII or flagged UTF-8)."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's name)
        return self.filename.encode("gbk"), self.flag_bits


def test_a_gbk_member_name_is_read_as_gbk():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr(_GbkName("2023年绩效/自评报告.txt"), "一、基本情况".encode())
    assert [m.name for m in members(buffer.getvalue())] == ["2023年绩效/自评报告.txt"]


def test_members_are_listed_and_read_without_a_macs_leftovers():
    bundle = as_zip({"2023年绩效/自评报告.txt": "一、基本情况".encode(), "__MACOSX/._x": b"",
                     "2023年绩效/.DS_Store": b"x"})
    found = members(bundle)
    assert [m.name for m in found] == ["2023年绩效/自评报告.txt"]
    assert member_bytes(bundle, found[0].stored, "b.zip").decode() == "一、基本情况"


def test_a_bomb_is_refused_before_it_is_inflated():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("big.txt", b"0" * (MAX_FILE_BYTES + 10))
    with pytest.raises(InputError, match="refused: the member expands"):
        member_bytes(buffer.getvalue(), "big.txt", "bomb.zip")


def test_too_many_members_are_refused():
    with pytest.raises(InputError, match="files in the archive"):
        members(as_zip({f"{n}.txt": b"x" for n in range(MAX_MEMBERS + 1)}), "many.zip")
