"""What an analyst runs into at the edges of the serving side: ids that name nothing, malformed
dates and options, exports that cannot be written, spellings not seen yet (written from a user's
session over the sample corpus; ids are found through the API, never hard-coded)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tidings.api.app import create_app


@pytest.fixture(scope="module")
def client(mini_store) -> TestClient:
    return TestClient(create_app(store=mini_store))


def _missing(client: TestClient, kind: str) -> int:
    """An id one past the largest the store has: it names nothing."""
    listed = client.get(f"/api/{kind}", params={"limit": 500}).json()
    return max(item["id"] for item in listed) + 1


@pytest.mark.parametrize("path, kind, noun", [
    ("/api/stories/{}/entities", "stories", "story"),
    ("/api/stories/{}/events", "stories", "story"),
    ("/api/entities/{}/events", "entities", "entity"),
    ("/api/articles/{}/events", "articles", "article"),
])
def test_sub_resources_of_an_unknown_item_are_404(client, path, kind, noun):
    missing = _missing(client, kind)
    answer = client.get(path.format(missing))
    assert answer.status_code == 404
    assert answer.json()["detail"] == f"{noun} {missing} not found"
    # the same paths of an item that exists still answer with a list
    existing = client.get(f"/api/{kind}", params={"limit": 1}).json()[0]["id"]
    assert isinstance(client.get(path.format(existing)).json(), list)
