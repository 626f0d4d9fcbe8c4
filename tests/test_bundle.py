"""checker.intake.bundle: opening folders and zips safely, the manifest, and loading a whole bundle."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.intake import bundle as bundle_module
from checker.intake.bundle import BundleFiles, load_bundle, load_manifest, open_bundle
from checker.model.errors import BundleError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
TODAY = dt.date(2019, 3, 20)

HOUSING_CSV = (
    "Date,Case,Agency,Event,Outcome\n"
    "14/05/2018,case-1,,Arrears letter sent,Advice\n"
    "02/07/2018,case-1,,Second arrears letter,\n"
    "20/07/2018,HO/2018/0001,HV,Home visit by health visitor,\n"
    "01/08/2018,case-2,,Homeless application,Accepted\n"
    "31/02/2019,case-2,,Impossible date,\n"
)
RETURN_YAML = (
    "agency: housing\ncase: case-1\nanswers:\n  - {question: recognition-needs, answer: Yes, grade: RI}\n"
)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bundle_files(housing: str = HOUSING_CSV) -> dict[str, bytes]:
    """The files of a small valid bundle, by bundle path."""
    return {
        "audit.yaml": (FIXTURES / "audit.yaml").read_bytes(),
        "chronologies/housing.csv": housing.encode("utf-8"),
        "chronologies/gp-case-1.xlsx": _xlsx(
            [
                ["Date", "Details"],
                [dt.datetime(2018, 7, 20), "Home visit by health visitor"],
                ["?June 2018", "Seen"],
            ]
        ),
        "returns/housing-case-1.yaml": RETURN_YAML.encode(),
        "returns/gp-case-1.xlsx": _xlsx([["Question", "Answer", "Grade"], ["voice-child", "Yes", "Good"]]),
    }


def write_folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def write_zip(path: Path, files: dict[str, bytes], prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items(), reverse=True):
            archive.writestr(prefix + name, data)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "homelessness-2019", bundle_files())


def test_load_bundle(folder: Path) -> None:
    loaded = load_bundle(folder, today=TODAY)
    assert loaded.manifest is not None and loaded.manifest.audit.id == "maca-test-2019"
    frame = loaded.chronology
    assert len(frame) == 6 and frame["entry_id"].is_unique
    assert list(frame[["case", "date"]].itertuples(index=False, name=None)) == sorted(
        frame[["case", "date"]].itertuples(index=False, name=None)
    )
    assert {(r.agency, r.case) for r in loaded.returns} == {("housing", "case-1"), ("gp", "case-1")}
    assert all(c.balanced() for c in loaded.counts)
    assert [(c.file, c.read, c.loaded, c.rejected) for c in loaded.counts] == [
        ("chronologies/housing.csv", 5, 4, 1),
        ("chronologies/gp-case-1.xlsx", 2, 2, 0),
        ("returns/housing-case-1.yaml", 1, 1, 0),
        ("returns/gp-case-1.xlsx", 1, 1, 0),
    ]
    impossible = [p for p in loaded.problems if p.level == "error"]
    assert [(p.file, p.row, p.code) for p in impossible] == [
        ("chronologies/housing.csv", 6, "date-unreadable")
    ]


def test_zip_equals_its_folder(tmp_path: Path) -> None:
    files = bundle_files()  # made once: openpyxl stamps each workbook with the time it was saved
    from_folder = load_bundle(write_folder(tmp_path / "homelessness-2019", files), today=TODAY)
    for prefix in ("", "homelessness-2019/"):
        zipped = write_zip(tmp_path / f"bundle{len(prefix)}.zip", files, prefix=prefix)
        from_zip = load_bundle(zipped, today=TODAY)
        assert from_zip.digest == from_folder.digest
        pd.testing.assert_frame_equal(from_zip.chronology, from_folder.chronology)
        assert from_zip.problems == from_folder.problems
        assert from_zip.returns == from_folder.returns


def test_row_order_does_not_change_results(tmp_path: Path) -> None:
    lines = HOUSING_CSV.splitlines(keepends=True)
    one = load_bundle(write_folder(tmp_path / "a", bundle_files()), today=TODAY).chronology
    two = load_bundle(
        write_folder(tmp_path / "b", bundle_files(lines[0] + "".join(reversed(lines[1:])))), today=TODAY
    ).chronology
    pd.testing.assert_frame_equal(one.drop(columns="row"), two.drop(columns="row"))


def test_same_entry_in_two_files_keeps_ids_unique(folder: Path) -> None:
    loaded = load_bundle(folder, today=TODAY)
    frame = loaded.chronology
    visits = frame[frame["event"] == "Home visit by health visitor"]
    assert len(visits) == 2 and visits["entry_id"].is_unique  # housing's row names hv; gp's own row is gp
    assert not any(p.code == "entry-in-two-files" for p in loaded.problems)


def test_entry_in_two_files_is_reported(tmp_path: Path) -> None:
    files = bundle_files()
    files["chronologies/gp-case-1.xlsx"] = _xlsx(
        [["Date", "Details", "Agency"], ["20/07/2018", "Home visit by health visitor", "hv"]]
    )
    loaded = load_bundle(write_folder(tmp_path / "b", files), today=TODAY)
    assert loaded.chronology["entry_id"].is_unique
    again = [p for p in loaded.problems if p.code == "entry-in-two-files"]
    assert [(p.file, p.row, p.level) for p in again] == [("chronologies/housing.csv", 4, "info")]


def test_missing_and_unlisted_files(tmp_path: Path) -> None:
    files = bundle_files()
    del files["returns/gp-case-1.xlsx"]
    files["extra/notes.docx"] = b"not listed"
    files[".DS_Store"] = b"litter"
    files["__MACOSX/._audit.yaml"] = b"litter"
    loaded = load_bundle(write_folder(tmp_path / "b", files), today=TODAY)
    got = [(p.level, p.file, p.code) for p in loaded.problems if p.code.startswith("file-")]
    assert got == [
        ("error", "returns/gp-case-1.xlsx", "file-missing"),
        ("warning", "extra/notes.docx", "file-unlisted"),
    ]


def test_no_manifest_gives_problems_not_an_exception(tmp_path: Path) -> None:
    files = bundle_files()
    del files["audit.yaml"]
    loaded = load_bundle(write_folder(tmp_path / "b", files))
    assert loaded.manifest is None and loaded.chronology.empty
    assert [p.code for p in loaded.problems] == ["manifest-missing"]


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (
            lambda t: t.replace("- id: case-2", "- id: case-2\n    plans: [{type: cin, start: 2018-01-01}]"),
            "cases[1].plans[0].type",
        ),
        (
            lambda t: t.replace(
                "- id: case-2", "- id: case-2\n    plans: [{type: child_in_need, start: 2018-02-31}]"
            ),
            "cases[1].plans[0].start",
        ),
        (lambda t: t.replace("theme: homelessness", "theme: homelessness\n  colour: blue"), "audit.colour"),
        (lambda t: t.replace("agency: gp, case: case-1}", "agency: police, case: case-1}"), None),
    ],
)
def test_invalid_manifest_names_the_field(edit, path: str | None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = bundle_files()
    files["audit.yaml"] = edit(files["audit.yaml"].decode()).encode()
    loaded = load_bundle(write_folder(tmp_path / "b", files))
    assert loaded.manifest is None and loaded.problems
    assert all(p.file == "audit.yaml" and p.level == "error" for p in loaded.problems)
    if path:
        assert path in [p.column for p in loaded.problems]
    else:
        assert any("'police' is not in agencies" in p.message for p in loaded.problems)


def test_manifest_yaml_error_names_the_line() -> None:
    manifest, problems = load_manifest(BundleFiles("x", {"audit.yaml": b"audit:\n  id: [x\nagencies: []\n"}))
    assert manifest is None and problems[0].row is not None and "line" in problems[0].message


def test_yaml_alias_bomb_is_refused() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    manifest, problems = load_manifest(BundleFiles("x", {"audit.yaml": "\n".join(lines).encode()}))
    assert manifest is None and "aliases" in problems[0].message and problems[0].code == "document-unreadable"


# --- unsafe bundles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/evil.txt", "a/../../evil.txt", "C:/evil.txt", "..\\evil.txt"]
)
def test_zip_entries_outside_the_bundle_are_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("audit.yaml", "x")
        archive.writestr(zipfile.ZipInfo(name), "x")
    with pytest.raises(BundleError, match="outside the bundle"):
        open_bundle(path)


def _zip_with_link(path: Path, target: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("audit.yaml", "audit: x\n")
        link = zipfile.ZipInfo("chronologies/link.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, target)
    return path


def test_zip_symlink_escaping_is_refused_and_inside_is_followed(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="link to outside"):
        open_bundle(_zip_with_link(tmp_path / "a.zip", "../../etc/passwd"))
    inside = open_bundle(_zip_with_link(tmp_path / "b.zip", "../audit.yaml"))
    assert inside.files["chronologies/link.csv"] == b"audit: x\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_folder_symlink_escaping_is_refused(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("x")
    (folder / "chronologies" / "link.csv").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(BundleError, match="outside the bundle"):
        open_bundle(folder)


def test_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle_module, "MAX_BUNDLE_BYTES", 10_000)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("audit.yaml", b"\0" * 20_000)
    assert path.stat().st_size < 1_000
    with pytest.raises(BundleError, match="MB"):
        open_bundle(path)


@pytest.mark.parametrize("content", [None, b"not a zip at all"])
def test_not_a_bundle(content: bytes | None, tmp_path: Path) -> None:
    path = tmp_path / "nothing.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BundleError):
        open_bundle(path)


# --- properties -----------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_as_audit_yaml_never_raise(data: bytes) -> None:
    manifest, problems = load_manifest(BundleFiles("x", {"audit.yaml": data}))
    assert (manifest is None) == bool(problems)


_YAMLISH = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=10),
        st.sampled_from(["2019-02-31", "2019-03-26", "case-1", "housing", "yes", "0000-00-00"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "audit",
                    "agencies",
                    "cases",
                    "submissions",
                    "id",
                    "title",
                    "theme",
                    "type",
                    "plans",
                    "start",
                    "end",
                    "period",
                    "file",
                    "agency",
                    "case",
                    "columns",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(doc=_YAMLISH)
def test_any_yaml_structure_as_audit_yaml_never_raises(doc: object) -> None:
    import yaml

    manifest, problems = load_manifest(BundleFiles("x", {"audit.yaml": yaml.safe_dump(doc).encode()}))
    assert (manifest is None) == bool(problems)


def test_alias_bombs_are_refused_but_large_written_out_documents_load() -> None:
    from checker.intake.yamltext import read_document

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    doc, problems = read_document(bomb.encode(), file_label="audit.yaml")
    assert doc is None and "aliases" in problems[0].message

    big = "cases:\n" + "".join(f"  - {{id: case-{i}, references: {{a: r{i}, b: s{i}}}}}\n" for i in range(12_000))
    doc, problems = read_document(big.encode(), file_label="audit.yaml")
    assert problems == [] and len(doc["cases"]) == 12_000
