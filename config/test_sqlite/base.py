"""SQLite for the test suite (config/test_settings.py): Django's backend, except that a test
database can start as a copy of a migrated file, TEST["TEMPLATE"], as PostgreSQL's starts with
CREATE DATABASE … TEMPLATE (tests/schema_template.py). Django's migrate then finds every
migration applied: about a second and a half instead of six."""

import shutil

from django.db.backends.sqlite3 import base, creation


class DatabaseCreation(creation.DatabaseCreation):
    def _create_test_db(self, verbosity, autoclobber, keepdb=False):
        name = super()._create_test_db(verbosity, autoclobber, keepdb)
        template = self.connection.settings_dict["TEST"].get("TEMPLATE")
        if template and not keepdb and not self.is_in_memory_db(name):
            shutil.copyfile(template, name)
        return name


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
