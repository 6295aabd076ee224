"""Where a request's time goes: each kind of the load bench's requests, served in-process by the test client as
the demo officer, with its query count, its median time, and cProfile's heaviest functions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cctv_load_profile .venv/bin/python -m bench.load_profile [--top 25]

Creates, migrates and loads the demo register into that database if needed (its name must start with
``cctv_load``)."""

import argparse
import cProfile
import io
import os
import pstats

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CCTV_TESTING", "1")
os.environ.setdefault("SECURE_COOKIES", "0")  # plain http, as the load bench serves it
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("API_THROTTLE_USER", "1000000/minute")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--kind", action="append", help="only these kinds")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.rsplit("/", 1)[-1].startswith("cctv_load"):
        raise SystemExit("Set DATABASE_URL to a database named cctv_load* (it is migrated and loaded).")
    from bench.run import ensure_database, paired_medians_ms

    ensure_database(url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.authtoken.models import Token

    from assets.demo import load_demo
    from assets.models import Camera

    setup_test_environment()
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    organisation = load_demo()
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="demo-officer")
    token = Token.objects.get_or_create(user=officer)[0].key
    camera = Camera.objects.filter(organisation=organisation).order_by("pk").first()
    browser = Client()
    browser.force_login(officer)
    api = Client(headers={"Authorization": f"Token {token}"})
    etag = {}

    def patch():
        headers = {"If-Match": etag["value"]} if etag else {}
        answer = api.patch(
            f"/api/v1/cameras/{camera.pk}/", {"notes": "profiled"}, content_type="application/json", headers=headers
        )
        etag["value"] = answer["ETag"]
        return answer

    kinds = {
        "counts": lambda: api.get("/api/v1/cameras/counts/?group_by=vendor,networked"),
        "list html": lambda: browser.get("/cameras/"),
        "list api": lambda: api.get("/api/v1/cameras/?limit=50"),
        "detail html": lambda: browser.get(f"/cameras/{camera.pk}/"),
        "detail api": lambda: api.get(f"/api/v1/cameras/{camera.pk}/"),
        "patch api": patch,
    }
    for name, request in kinds.items():
        if args.kind and name not in args.kind:
            continue
        answer = request()
        assert answer.status_code == 200, (name, answer.status_code, answer.content[:300])
        queries = []  # the test client's request_started resets CaptureQueriesContext's log: count at the cursor

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            request()
        (elapsed,) = paired_medians_ms([request], args.repeat)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            request()
        profile.disable()
        output = io.StringIO()
        pstats.Stats(profile, stream=output).sort_stats("cumulative").print_stats(args.top)
        print(f"\n=== {name}: {len(queries)} queries, median {elapsed:.1f} ms")
        for sql in queries:
            print(f"   {sql[:200]}")
        print("\n".join(output.getvalue().splitlines()[6 : 6 + args.top + 4]))


if __name__ == "__main__":
    main()
