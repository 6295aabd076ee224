"""Benchmark of the counts endpoint against the same aggregate in raw SQL, on a synthetic register.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cctv_bench .venv/bin/python -m bench.run [--cameras 1000000]

Creates the database if needed, migrates it, fills it (reused when it already holds N cameras), then times
each question through the real API (test client, token authentication) and as hand-written SQL."""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CCTV_TESTING", "1")  # a throwaway secret key; DEBUG stays off so nothing is logged per query

LIBRARY_BY_VENDOR = """
    SELECT v.slug, v.name, COUNT(*) FROM assets_camera c
    JOIN registry_site s ON s.id = c.site_id
    JOIN registry_sitecategory k ON k.id = s.category_id
    LEFT JOIN assets_manufacturer v ON v.id = c.vendor_id
    WHERE k.slug = 'library' {and_organisation}
    GROUP BY v.slug, v.name
"""
ORIGIN_BY_NETWORKED = """
    SELECT c.origin_country, c.networked, COUNT(*) FROM assets_camera c
    WHERE TRUE {and_organisation}
    GROUP BY c.origin_country, c.networked
"""
QUESTIONS = [
    ("site_category=library&group_by=vendor", LIBRARY_BY_VENDOR),
    ("group_by=origin_country,networked", ORIGIN_BY_NETWORKED),
]


def ensure_database(url: str) -> None:
    import dj_database_url
    import psycopg2

    settings = dj_database_url.parse(url)
    admin = psycopg2.connect(
        dbname="postgres", user=settings["USER"], host=settings["HOST"], port=settings["PORT"] or 5432
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    admin.close()


def median_ms(action, repeat: int) -> float:
    return paired_medians_ms([action], repeat)[0]


def paired_medians_ms(actions, repeat: int) -> list[float]:
    """Median time of each action, run in turn within each round so that load from elsewhere on the
    machine falls on all of them alike."""
    for action in actions:  # warm the caches
        action()
        action()
    timings = [[] for _ in actions]
    for _ in range(repeat):
        for action, samples in zip(actions, timings, strict=True):
            started = time.perf_counter()
            action()
            samples.append((time.perf_counter() - started) * 1000)
    return [statistics.median(samples) for samples in timings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=1_000_000)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--refill", action="store_true", help="empty and fill again even if the size matches")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not url.rstrip("/").endswith("/cctv_bench"):
        raise SystemExit("Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/cctv_bench (the bench empties it).")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from bench.register import bench_users, empty_register, fill_register, register_size

    setup_test_environment()  # lets the test client's "testserver" host in
    call_command("migrate", verbosity=0)
    if args.refill or register_size() != (args.organisations, args.cameras):
        print(f"Filling {args.cameras:,} cameras across {args.organisations} organisations...")
        empty_register()
        fill_register(cameras=args.cameras, organisations=args.organisations)
    root, officer, organisation = bench_users()

    def client_for(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        return client

    def raw(sql: str, params: list):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    print(f"\n{args.cameras:,} cameras, {args.organisations} organisations; median of {args.repeat} runs\n")
    print(f"{'question':<42} {'as':<9} {'cameras':>9} {'endpoint ms':>12} {'raw SQL ms':>11} {'ratio':>6}")
    for user, label, clause, params in [
        (root, "superuser", "", []),
        (officer, "officer", "AND c.organisation_id = %s", [organisation.pk]),
    ]:
        client = client_for(user)
        for query, sql in QUESTIONS:
            sql = sql.format(and_organisation=clause)
            answer = client.get(f"/api/v1/cameras/counts/?{query}")
            assert answer.status_code == 200, answer.content
            total = answer.json()["total"]
            assert total == sum(row[-1] for row in raw(sql, params)), "endpoint and SQL disagree"
            url = f"/api/v1/cameras/counts/?{query}"
            endpoint, baseline = paired_medians_ms(
                [lambda url=url, client=client: client.get(url), lambda sql=sql, params=params: raw(sql, params)],
                args.repeat,
            )
            print(f"{query:<42} {label:<9} {total:>9,} {endpoint:>12.1f} {baseline:>11.1f} {endpoint / baseline:>6.2f}")

    print()
    for user, label in [(root, "superuser"), (officer, "officer")]:
        client = client_for(user)
        for limit in (50, 500):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/api/v1/cameras/?limit={limit}")
            assert response.status_code == 200
            query_count = len(queries)  # now: the next request clears the connection's query log
            elapsed = median_ms(lambda client=client, limit=limit: client.get(f"/api/v1/cameras/?limit={limit}"), 5)
            print(f"list page limit={limit:<4} as {label:<9}: {query_count} queries, median {elapsed:.1f} ms")

    # The officers' web camera list (/cameras/), first page of 50 as rendered HTML, session login.
    from django.test import Client

    print()
    for user, label in [(root, "superuser"), (officer, "officer")]:
        browser = Client()
        browser.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = browser.get("/cameras/")
        assert response.status_code == 200
        query_count = len(queries)
        elapsed = median_ms(lambda browser=browser: browser.get("/cameras/"), args.repeat)
        print(f"web camera list, first page, as {label:<9}: {query_count} queries, median {elapsed:.1f} ms")


if __name__ == "__main__":
    main()
