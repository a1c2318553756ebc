"""Print the code an authenticator app with the demo's published key shows now (demo sign-ins only)."""

from typing import Any

from django.core.management.base import BaseCommand

from demo.two_step import demo_code_now


class Command(BaseCommand):
    help = (
        "Print the 6-digit code for signing in to a demo account that asks for one (the demo programme "
        "managers). It is the code an authenticator app holding the demo's published key shows now; "
        "it works for no other account."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(demo_code_now())
