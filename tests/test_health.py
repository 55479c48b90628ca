import pytest


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_refuses_writes(client):
    assert client.post("/suc-khoe/").status_code == 405
