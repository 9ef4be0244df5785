"""`main.py add --scheduler ADDRESS`: the batch analysis on a Dask cluster gives the library a local run gives.

The cluster is a two-process `LocalCluster` on this machine, its scheduler reached over TCP like a remote one.
"""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest

from models.batch.cli import actors_command
from models.errors import AppError
from tests.test_add_cli import PREMIERE, run, write_articles

distributed = pytest.importorskip("distributed")  # the optional extra (requirements/cluster.in)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def stored_analyses(data: Path) -> dict[str, str]:
    """Each stored analysis' JSON by its text's hash, as the library holds it."""
    conn = sqlite3.connect(data / "library.sqlite3")
    try:
        return dict(conn.execute("SELECT doc_hash, json FROM analyses").fetchall())
    finally:
        conn.close()


def actor_index(data: Path) -> list[str]:
    """`main.py actors --json` without the library's row ids (documents are numbered as their results arrive)."""
    out = io.StringIO()
    assert actors_command(str(data), True, out) == 0

    def without_ids(value: object) -> object:
        if isinstance(value, dict):
            return {k: without_ids(v) for k, v in value.items() if k != "id"}
        if isinstance(value, list):
            return sorted((without_ids(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    actors = cast(list[object], without_ids(json.loads(out.getvalue())["actors"]))
    return [json.dumps(a, sort_keys=True) for a in actors]


@pytest.mark.timeout(180)
def test_a_folder_added_on_a_cluster_gives_the_library_a_local_run_gives(tmp_path: Path, scheduler: str) -> None:
    folder = tmp_path / "news"
    write_articles(folder, ("crane",))
    (folder / "premiere.md").write_text(PREMIERE, encoding="utf-8")

    on_cluster = run("add", str(folder), "--scheduler", scheduler, "--data-dir", str(tmp_path / "cluster"))
    assert on_cluster.returncode == 0, on_cluster.stderr
    assert f"on the cluster at {scheduler}" in on_cluster.stderr
    assert "Added 2, already in the library 0, failed 0" in on_cluster.stderr

    local = run("add", str(folder), "--jobs", "1", "--data-dir", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr

    assert len(stored_analyses(tmp_path / "cluster")) == 2
    assert stored_analyses(tmp_path / "cluster") == stored_analyses(tmp_path / "local")
    index = actor_index(tmp_path / "cluster")
    assert any('"Mecca"' in actor for actor in index)
    assert index == actor_index(tmp_path / "local")

    again = run("add", str(folder), "--scheduler", scheduler, "--data-dir", str(tmp_path / "cluster"))
    assert again.returncode == 0, again.stderr
    assert "Added 0, already in the library 2, failed 0" in again.stderr


def test_an_address_where_no_scheduler_answers_is_a_plain_sentence() -> None:
    from models.batch.cluster import connect

    unreachable = connect("tcp://127.0.0.1:9", timeout=1)
    with pytest.raises(AppError, match=r"^No Dask scheduler answered at tcp://127\.0\.0\.1:9; check the address"):
        unreachable.__enter__()


def test_dask_is_not_imported_without_a_scheduler() -> None:
    code = (
        "import sys, main, models.batch.cli, models.batch.add; "
        "sys.exit(1 if {'dask', 'distributed'} & set(sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False, cwd=Path(__file__).parent.parent).returncode == 0
