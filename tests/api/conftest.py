import pytest

from tests.api.world import build_world
from tests.conftest import rows_for_the_module


@pytest.fixture(scope="module")
def world_rows(django_db_setup, django_db_blocker):
    with rows_for_the_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(db, world_rows):
    return world_rows


@pytest.fixture
def call(client, world):
    """GET (or another method) on the API with the token of `principal` ("none": no token)."""

    def request(path: str, principal: str = "none", method: str = "get", **params):
        headers = {}
        if principal != "none":
            headers["Authorization"] = f"Bearer {world.tokens.get(principal, principal)}"
        return getattr(client, method)(path, params or None, headers=headers)

    return request
