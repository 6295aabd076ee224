import pytest

from tests import factories


@pytest.mark.django_db
def test_login_page_renders(client):
    assert client.get("/accounts/login/").status_code == 200


def test_demo_style_member_logs_in_and_reaches_the_admin(client, council, library):
    factories.camera(library, asset_tag="LIB-001")
    factories.user_with_role(council, "officer", username="officer", password="a-long-password")
    response = client.post("/accounts/login/", {"username": "officer", "password": "a-long-password"}, follow=True)
    assert response.status_code == 200
    assert client.get("/admin/assets/camera/").status_code == 200
    assert "LIB-001" in client.get("/admin/assets/camera/").text


def test_wrong_password_is_refused(client, council):
    factories.user_with_role(council, "officer", username="officer", password="a-long-password")
    response = client.post("/accounts/login/", {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "correct username and password" in response.text


@pytest.mark.django_db
def test_login_page_uses_the_design_system(client, officer):
    html = client.get("/accounts/login/").content.decode()
    assert "govuk-input" in html
    response = client.post("/accounts/login/", {"username": "officer", "password": "wrong"})
    assert "There is a problem" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "officer", "password": "pw-12345"})
    assert response["Location"] == "/"
