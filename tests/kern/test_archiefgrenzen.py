"""The two limits an XLSX meets before it is parsed, each on its own and at its edge.

The test bomb (tests/bestanden/bom.xlsx) breaks both at once, so it cannot tell whether
each limit holds by itself: these archives break one. Parts stored uncompressed unpack to
exactly their size (ratio 1); parts of zeros compressed with deflate unpack to about a
thousand times their packed size.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from kern.spreadsheets import OnleesbaarBestand, VeiligeXLSX, controleer_archief

MB = 1024 * 1024


def archief(*delen: tuple[int, int]) -> bytes:
    """A ZIP with a part of ``grootte`` zero bytes per ``(grootte, compressie)``."""
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as zip_:
        for i, (grootte, compressie) in enumerate(delen):
            zip_.writestr(f"xl/deel{i}.xml", bytes(grootte), compress_type=compressie)
    return uit.getvalue()


def verhouding(inhoud: bytes) -> float:
    with zipfile.ZipFile(io.BytesIO(inhoud)) as zip_:
        return max(d.file_size / d.compress_size for d in zip_.infolist())


GEWOON, SAMENGEPERST = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


def test_a_file_that_only_unpacks_too_large_is_refused_in_dutch(settings):
    """21 MB stored as it is: no part packs tighter than 1:1, only the size is too much."""
    assert settings.IMPORT_XLSX_MAX_UITGEPAKT == 20 * MB  # the documented default
    inhoud = archief((21 * MB, GEWOON))
    assert verhouding(inhoud) == 1
    with pytest.raises(
        OnleesbaarBestand, match="zou uitgepakt 21,0\u00a0MB worden \\(het maximum is 20,0\u00a0MB"
    ):
        VeiligeXLSX().create_dataset(inhoud)


def test_the_size_limit_is_the_sum_of_the_parts_and_holds_at_its_edge(settings):
    settings.IMPORT_XLSX_MAX_UITGEPAKT = 3 * MB
    settings.IMPORT_XLSX_MAX_VERHOUDING = 10_000  # out of the way
    controleer_archief(archief((2 * MB, GEWOON), (MB, GEWOON)))  # exactly the maximum
    with pytest.raises(OnleesbaarBestand, match="zou uitgepakt"):
        controleer_archief(archief((2 * MB, GEWOON), (MB + 1, GEWOON)))
    with pytest.raises(OnleesbaarBestand, match="zou uitgepakt"):
        controleer_archief(archief((3 * MB + 1, SAMENGEPERST)))


def test_a_file_that_only_packs_too_tightly_is_refused_in_dutch(settings):
    """2 MB of zeros, far below the size limit, packed about a thousand times."""
    inhoud = archief((2 * MB, SAMENGEPERST))
    assert 2 * MB < settings.IMPORT_XLSX_MAX_UITGEPAKT
    assert verhouding(inhoud) > settings.IMPORT_XLSX_MAX_VERHOUDING
    with pytest.raises(OnleesbaarBestand, match="hoogstens 100 keer het gecomprimeerde deel"):
        VeiligeXLSX().create_dataset(inhoud)


def test_the_ratio_limit_holds_at_its_edge_and_counts_the_tightest_part(settings):
    settings.IMPORT_XLSX_MAX_VERHOUDING = 1
    controleer_archief(archief((2 * MB, GEWOON)))  # 1:1 is not more than 1
    settings.IMPORT_XLSX_MAX_VERHOUDING = 0
    with pytest.raises(OnleesbaarBestand):
        controleer_archief(archief((2 * MB, GEWOON)))
    # One loose part and one tight one: the tight one counts, not the archive as a whole.
    settings.IMPORT_XLSX_MAX_VERHOUDING = 100
    inhoud = archief((2 * MB, GEWOON), (200_000, SAMENGEPERST))
    assert len(inhoud) * 100 > 2 * MB + 200_000  # the whole is not packed too tightly
    with pytest.raises(OnleesbaarBestand):
        controleer_archief(inhoud)


def test_the_ratio_counts_only_above_a_megabyte_unpacked(settings):
    """A small sheet of empty cells packs tightly too, and harms no one."""
    assert verhouding(archief((MB, SAMENGEPERST))) > settings.IMPORT_XLSX_MAX_VERHOUDING
    controleer_archief(archief((MB, SAMENGEPERST)))
    with pytest.raises(OnleesbaarBestand):
        controleer_archief(archief((MB + 1, SAMENGEPERST)))


def test_an_empty_part_divides_by_nothing():
    controleer_archief(archief((0, GEWOON), (10, GEWOON)))


def test_what_is_no_zip_is_refused_as_unreadable():
    with pytest.raises(OnleesbaarBestand, match="geen leesbaar XLSX-bestand"):
        controleer_archief(b"PK\x03\x04 geen archief")


def test_an_archive_without_parts_meets_the_limits():
    """Nothing to unpack is no bomb (what is missing in it is the reader's to say)."""
    controleer_archief(archief())
