"""How many worker processes a stage starts: the cores this process may really use."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit.engines import local


def _cgroups(tmp_path: Path, membership: str, files: dict[str, str]) -> tuple[Path, Path]:
    root = tmp_path / "cgroup"
    root.mkdir()
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    proc = tmp_path / "proc-self-cgroup"
    proc.write_text(membership)
    return root, proc


def test_the_cores_used_are_those_allowed_and_no_more_than_the_cgroup_quota(tmp_path, monkeypatch):
    root, proc = _cgroups(tmp_path, "0::/\n", {})
    monkeypatch.setattr(local, "CGROUP_ROOT", root)
    monkeypatch.setattr(local, "CGROUP_MEMBERSHIP", proc)
    monkeypatch.setattr(local.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert local.cpu_count() == 4  # no cgroup file: the affinity
    for quota, cores in [("max 100000", 4), ("150000 100000", 2), ("20000 100000", 1), ("800000 100000", 4)]:
        (root / "cpu.max").write_text(quota + "\n")
        assert local.cpu_count() == cores, quota  # 1.5 cores: two; a fifth: one; above the allowed: no more
    monkeypatch.setattr(local.os, "sched_getaffinity", lambda pid: {3})
    assert local.cpu_count() == 1  # pinned to one core


def test_the_quota_of_the_process_s_own_cgroup_and_its_parents_counts_the_tightest(tmp_path):
    root, proc = _cgroups(
        tmp_path,
        "0::/machine/job.scope\n",
        {"cpu.max": "max 100000", "machine/cpu.max": "400000 100000", "machine/job.scope/cpu.max": "250000 100000"},
    )
    assert local.cgroup_cpu_quota(root, proc) == 3
    (root / "machine/cpu.max").write_text("100000 100000")
    assert local.cgroup_cpu_quota(root, proc) == 1  # a parent's quota binds its children


def test_a_cgroup_v1_quota_counts(tmp_path):
    files = {
        "cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "200000\n",
        "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000\n",
    }
    root, proc = _cgroups(tmp_path, "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n", files)
    assert local.cgroup_cpu_quota(root, proc) == 2
    (root / "cpu,cpuacct/docker/abc/cpu.cfs_quota_us").write_text("-1\n")
    assert local.cgroup_cpu_quota(root, proc) is None  # -1: no quota


@pytest.mark.parametrize("text", ["lots\n", "100000 0\n", "", "max"])
def test_an_unreadable_or_garbled_quota_is_no_quota(tmp_path, text):
    root, proc = _cgroups(tmp_path, "0::/\n", {"cpu.max": text})
    assert local.cgroup_cpu_quota(root, proc) is None
    assert local.cgroup_cpu_quota(root, tmp_path / "no-such-proc-file") is None
