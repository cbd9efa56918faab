"""`byline build` writes only into an empty folder or a previous build, and deletes nothing else."""

import pytest

from byline.cli import main


def test_build_into_a_folder_with_foreign_files_refuses_and_deletes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    (out / "data" / "my-experiments.csv").write_text("keep me")
    (out / "README.md").write_text("my own readme")
    assert main(["build", str(out)]) == 1
    err = capsys.readouterr().err
    assert "not an empty folder or a previous Byline build" in err and "Traceback" not in err
    assert (out / "data" / "my-experiments.csv").read_text() == "keep me"
    assert (out / "README.md").read_text() == "my own readme"


def test_rebuilding_a_previous_build_replaces_it_and_keeps_hidden_files(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(out)]) == 0
    (out / ".gitattributes").write_text("*.parquet filter=lfs")
    assert main(["build", str(out)]) == 0
    assert (out / ".gitattributes").read_text() == "*.parquet filter=lfs"
    assert main(["build", str(out), "--check"]) == 0
    # A foreign file added to a previous build is found too.
    (out / "mentions" / "notes.txt").write_text("mine")
    assert main(["build", str(out)]) == 1
    assert (out / "mentions" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("name", ["a-file.txt"])
def test_build_onto_a_file_is_refused(tmp_path, name):
    target = tmp_path / name
    target.write_text("x")
    assert main(["build", str(target)]) == 1
    assert target.read_text() == "x"


def test_resolve_refuses_to_write_over_its_draft(tmp_path):
    draft, text = tmp_path / "d.json", tmp_path / "d.txt"
    draft.write_text('{"entities": []}')
    text.write_text("x")
    with pytest.raises(SystemExit) as e:
        main(["resolve", str(draft), "--text", str(text), "-o", str(draft)])
    assert e.value.code == 2 and draft.read_text() == '{"entities": []}'
