"""The log file: in the user's log folder (or DIENSTSCAN_LOG_DIR), rotated by size, never fatal."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dienstscan import __version__, logs
from dienstscan.cli import main


@pytest.fixture(autouse=True)
def _clean_logging(monkeypatch):
    monkeypatch.delenv(logs.ENV_LOG_DIR, raising=False)
    yield
    logs.stop_logging()


def test_log_goes_to_the_chosen_folder_with_a_start_line(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path / "logmap"))
    path = logs.setup_logging()
    assert path == tmp_path / "logmap" / "dienstscan.log"
    assert logs.log_path() == path
    assert logs.log_problem() is None
    logging.getLogger("dienstscan.test").warning("één waarschuwing")
    text = path.read_text(encoding="utf-8")
    assert f"Dienstscan {__version__} gestart" in text
    assert "WARNING dienstscan.test: één waarschuwing" in text


def test_the_log_rotates_by_size_and_keeps_a_fixed_number_of_files(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path))
    path = logs.setup_logging(max_bytes=2_000, backup_count=2)
    log = logging.getLogger("dienstscan.rotatie")
    for n in range(300):
        log.info("regel %03d %s", n, "x" * 40)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["dienstscan.log", "dienstscan.log.1", "dienstscan.log.2"]
    for file in tmp_path.iterdir():
        assert file.stat().st_size <= 2_000
    # The newest line is in the current file, older ones were rotated away.
    assert "regel 299" in path.read_text(encoding="utf-8")
    assert "regel 000" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())


def test_setting_up_twice_attaches_one_handler(tmp_path, monkeypatch):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path))
    logs.setup_logging()
    logs.setup_logging()
    handlers = [h for h in logging.getLogger("dienstscan").handlers if isinstance(h, logging.FileHandler)]
    assert len(handlers) == 1
    logging.getLogger("dienstscan").info("eenmaal")
    assert logs.log_path().read_text(encoding="utf-8").count("eenmaal") == 1


def test_an_unusable_log_folder_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(blocker / "logs"))  # a folder below a file: never creatable
    path = logs.setup_logging()
    assert path == blocker / "logs" / "dienstscan.log"
    problem = logs.log_problem()
    assert problem is not None and problem.startswith(f"kan geen logbestand maken in {blocker / 'logs'}")
    logging.getLogger("dienstscan").error("gaat nergens heen")  # must not raise


def test_tests_never_write_into_the_users_own_log(monkeypatch):
    monkeypatch.setenv(logs.ENV_NO_SETTINGS, "1")
    folder = logs.log_dir()
    assert folder.is_dir()
    assert Path.home() not in folder.parents


def test_without_overrides_the_log_is_in_platformdirs_user_log_dir(monkeypatch):
    monkeypatch.delenv(logs.ENV_NO_SETTINGS, raising=False)
    import platformdirs

    assert logs.log_dir() == Path(platformdirs.user_log_dir("Dienstscan", appauthor=False))


def test_the_command_line_writes_the_log(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path))
    monkeypatch.setenv("DIENSTSCAN_CHECKLISTS", str(tmp_path / "bestaat-niet"))
    main(["validate"])
    capsys.readouterr()
    assert "gestart" in (tmp_path / "dienstscan.log").read_text(encoding="utf-8")


def test_a_full_disk_under_the_log_prints_no_traceback(tmp_path, monkeypatch, capsys):
    import errno

    monkeypatch.setenv(logs.ENV_LOG_DIR, str(tmp_path))
    logs.setup_logging()
    [handler] = [h for h in logging.getLogger("dienstscan").handlers if isinstance(h, logging.FileHandler)]

    def full(text):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handler.stream, "write", full)
    logging.getLogger("dienstscan.test").warning("past niet meer")
    assert capsys.readouterr().err == ""
    assert logs.log_problem() == f"kan niet in het logbestand {tmp_path / 'dienstscan.log'} schrijven (de schijf is vol)"
