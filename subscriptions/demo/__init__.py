"""Demo plans and sign-ins for ``manage.py load_demo_accounts``.

- ``data/plans.json``: the plans (always seeded: demo episodes name one by its slug).
- ``data/accounts.json``: the demo sign-ins (only where ``settings.DEMO_ACCOUNTS_ENABLED``).
- ``content``: the files' structure, checked when they are read.
- ``seed``: creates what is missing; running it again changes nothing.
"""
