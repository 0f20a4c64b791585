"""Load the demo site: idempotent, so `make run` can call it every time."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import actions, alerts, benefits, contracts, events, home, members, news, staff_mfa
from demo import locals as locals_
from demo import shifts as shifts_
from demo.helpers import DemoLog

# Each app that has demo content has a module in demo/ with `load(log)`. Order matters: locals
# exist before the pages that sit under them, and the petition before the news post linking to it.
DEMO_MODULES = [home, locals_, actions, benefits, news, events, shifts_, contracts, members, alerts]

ADMIN_USERNAME = "admin"
# Set by `make run` (and the test servers): demo accounts on a DEBUG-off site on loopback.
FORCE_VARIABLE = "LOAD_DEMO_FORCE"


class Command(BaseCommand):
    help = "Create or complete the demo content. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"Load even with DEBUG off (also {FORCE_VARIABLE}=True): the demo accounts "
            "have published passwords, so never on a public site.",
        )

    def handle(self, *args, **options):
        forced = options["force"] or os.environ.get(FORCE_VARIABLE, "").lower() in ("1", "true")
        if not settings.DEBUG and not forced:
            raise CommandError(
                "load_demo creates accounts with published passwords and DEBUG is off: this "
                f"looks like a real site. Use --force (or {FORCE_VARIABLE}=True) to load it "
                "anyway, e.g. for a local demo."
            )
        log = DemoLog(self.stdout.write)
        with transaction.atomic():
            for module in DEMO_MODULES:
                self.stdout.write(f"Loading {module.__name__} ...")
                module.load(log)
            self._ensure_admin(log)
            # After every staff account exists: their second factor (TOTP, fixed secrets).
            staff_mfa.load(log)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("Log in at /admin/ with:")
        for username, password, note in log.logins:
            self.stdout.write(f"  {username:18} {password:24} {note}")
        self.stdout.write(
            "Staff then enter a code from their authenticator app (TOTP). Add the secret (or "
            "the otpauth:// link) to an app, or compute the code (e.g. `oathtool --totp -b "
            "SECRET`):"
        )
        for username, secret, uri in log.second_factors:
            self.stdout.write(f"  {username:18} {secret}  {uri}")
        self.stdout.write(
            "Members sign in without a password at /accounts/login/code/ (the demo member: "
            "pat.rivera@example.org): the email with the code is printed in this terminal."
        )

    def _ensure_admin(self, log):
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "opeiu-demo-admin")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"is_superuser": True, "is_staff": True, "email": "admin@example.org"},
        )
        if created:
            user.set_password(password)
            user.save()
            log.login(ADMIN_USERNAME, password, "superuser (created now)")
        else:
            log.login(ADMIN_USERNAME, password, "superuser (unless you changed the password)")
