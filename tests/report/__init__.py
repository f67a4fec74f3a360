"""Tests of the cross-source consistency report."""
