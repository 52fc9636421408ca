"""Stage 3: entities - mentions resolved to canonical people, organisations and places, with an
editable alias registry (registry.py) that survives re-processing."""
from .resolve import Resolver, normalise_alias, strip_roles

__all__ = ["Resolver", "normalise_alias", "strip_roles"]
