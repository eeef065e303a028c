import pytest
from django.test import Client


@pytest.mark.django_db
def test_front_page_renders_in_czech(client: Client) -> None:
    response = client.get("/cs/")
    assert response.status_code == 200
    assert "Spojka" in response.content.decode()
