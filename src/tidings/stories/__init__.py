"""Stage 4: stories - articles about the same news, grouped across languages and outlets."""
from .cluster import ClusterParams, StoryClusterer, StoryState, article_keys

__all__ = ["ClusterParams", "StoryClusterer", "StoryState", "article_keys"]
