"""Batch reading on a real Dask cluster gives what in-process reading gives."""

from __future__ import annotations

from pathlib import Path

from tierwatch.reading.batch import read_many


def test_dask_batch_matches_in_process_reading(tmp_path: Path, fixtures_dir: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    names = [*sorted(str(p) for p in fixtures_dir.glob("*.txt")), str(bad)]
    local = read_many(names, progress=False)
    on_dask = read_many(names, progress=False, threshold=1)
    assert [o.name for o in on_dask] == names
    assert [o.error for o in on_dask] == [o.error for o in local]
    assert on_dask[-1].error == f"{bad}: empty document"
    assert [o.reading.to_json() if o.reading else None for o in on_dask] == [
        o.reading.to_json() if o.reading else None for o in local
    ]



def test_read_command_on_an_existing_scheduler(fixtures_dir: Path) -> None:
    from click.testing import CliRunner
    from dask.distributed import LocalCluster

    from tierwatch.cli import cli

    files = sorted(str(p) for p in fixtures_dir.glob("*.txt"))
    local = CliRunner().invoke(cli, ["read", "--json", *files])
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = CliRunner().invoke(
            cli, ["read", "--json", "--scheduler", cluster.scheduler_address, *files]
        )
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
