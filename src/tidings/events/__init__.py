"""Stage: events. Who did what to whom, where and when (PLOVER), with provenance.

code.py codes each sentence of an article into event mentions; group.py merges the mentions of a
story's articles into events (like GDELT's Events and Mentions tables).
"""
from .code import code_events
from .ontology import TYPES, canonical_type

__all__ = ["code_events", "TYPES", "canonical_type"]
