"""Two app servers on one database, as behind the load balancer of docker-compose.yml: an import previewed on one is
confirmed on the other, because the upload waits in the database and the session there too."""

from tests.live.conftest import camera_rows, hidden


def test_the_preview_on_one_server_is_confirmed_on_the_other(register, browser):
    first, second = register.server(), register.server()
    browser.sign_in(first)
    token = browser.csrf(f"{first}/cameras/import/")

    preview = browser.session.post(
        f"{first}/cameras/import/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("cameras.csv", camera_rows(3), "text/csv")},
        timeout=60,
    )

    assert preview.status_code == 200, preview.text[:2000]
    assert "3 created, 0 updated, 0 unchanged (dry run: nothing written)" in preview.text
    upload = hidden(preview.text, "token")

    done = browser.session.post(
        f"{second}/cameras/import/confirm/",
        data={"csrfmiddlewaretoken": hidden(preview.text, "csrfmiddlewaretoken"), "token": upload},
        timeout=60,
    )

    assert done.status_code == 200, done.text[:2000]
    assert "Imported" in done.text and "3 created, 0 updated, 0 unchanged" in done.text
    cameras = browser.session.get(f"{first}/api/v1/cameras/?limit=1", timeout=10).json()
    assert cameras["count"] == 3
    again = browser.session.post(
        f"{first}/cameras/import/confirm/",
        data={"csrfmiddlewaretoken": hidden(preview.text, "csrfmiddlewaretoken"), "token": upload},
        timeout=60,
    )
    assert again.status_code == 404  # written once: the file is not kept
