"""Sync through a folder the person already syncs, merged by a CRDT engine (pycrdt)."""
