"""The cross-source consistency report: stories, findings, renderers."""
