"""The migrated schema that every bench's process copies, made once per `make bench`.

    python -m tests.bench.schema_template   # prints the template's name ("" without PostgreSQL)

`make bench` runs each bench file in a process of its own, and each process made its test
database by running every migration again: about 12 s of a 2-core machine, thirteen times.
With PostgreSQL this migrates one database, `<DATABASE_URL's name>_template`, and the
processes create their test database from it (CREATE DATABASE … TEMPLATE, half a second;
config/test_settings.py reads TEST_DATABASE_TEMPLATE). Django's migrate then finds every
migration applied. The template is made anew at every run, so it never holds an older schema.
"""

import os
import subprocess
import sys
from pathlib import Path

import environ
import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parents[2]


def make_template(url: str) -> str:
    """Drop and migrate `<name>_template` on the server of `url`; its name."""
    config = environ.Env.db_url_config(url)
    name = f"{config['NAME']}_template"
    server = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    template_url = url.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": template_url},
        check=True,
    )
    return name


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL", "")
    print(make_template(url) if url.startswith(("postgres://", "postgresql://")) else "")
