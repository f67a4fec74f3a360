"""How many worker processes a stage starts: the cores this process may really use."""

from __future__ import annotations

from corpuskit.engines import local


def test_the_cores_used_are_those_allowed_and_no_more_than_the_cgroup_quota(tmp_path, monkeypatch):
    quota = tmp_path / "cpu.max"
    monkeypatch.setattr(local, "CGROUP_CPU_MAX", quota)
    monkeypatch.setattr(local.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert local.cpu_count() == 4  # no cgroup file: the affinity
    quota.write_text("max 100000\n")
    assert local.cpu_count() == 4  # no quota
    quota.write_text("150000 100000\n")
    assert local.cpu_count() == 2  # 1.5 cores: two processes, not four
    quota.write_text("20000 100000\n")
    assert local.cpu_count() == 1  # a fifth of a core: still one
    quota.write_text("800000 100000\n")
    assert local.cpu_count() == 4  # a quota above the allowed cores adds none
    monkeypatch.setattr(local.os, "sched_getaffinity", lambda pid: {3})
    assert local.cpu_count() == 1  # pinned to one core


def test_an_unreadable_or_garbled_quota_is_no_quota(tmp_path):
    garbled = tmp_path / "cpu.max"
    garbled.write_text("lots\n")
    assert local.cgroup_cpu_quota(garbled) is None
    assert local.cgroup_cpu_quota(tmp_path / "missing") is None
    garbled.write_text("300000 100000")
    assert local.cgroup_cpu_quota(garbled) == 3
