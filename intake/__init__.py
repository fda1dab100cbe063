"""Inbox processing: discovery, stability, the journal, dedupe, quarantine, one file end to end.

`process(root, registry=…)` makes one pass over `root/inbox` (see `intake.pipeline` for the order of the steps
that makes it effectively-once); `watch(root, registry=…)` keeps doing passes as files arrive.
"""
from intake.layout import Layout
from intake.pipeline import Options, PassSummary, Stop, process
from intake.watch import watch

__all__ = ["Layout", "Options", "PassSummary", "Stop", "process", "watch"]
