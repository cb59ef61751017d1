"""What subscriptions contributes to the account area and the API (see mediasite/registry.py).

Subscriptions holds the user model, so besides plans and billing it contributes
the account area's own pages: the home page (profile, sign-in links), the data
export and account deletion, which every other app extends through the registry.
"""

from subscriptions import account_services, urls
from subscriptions.api import me_plan, router


def register(registry) -> None:
    registry.add_account_pages("", urls.urlpatterns)
    registry.add_menu_entry("Your account", "home", order=0)
    registry.add_menu_entry("Plans", "plans", order=10)
    registry.add_menu_entry("Download your data", "export", order=900)
    registry.add_menu_entry("Delete your account", "delete", order=1000)

    for name, build in account_services.USER_EXPORT_SECTIONS.items():
        registry.add_export_section(name, build)
    registry.add_exported_app("subscriptions")  # subscriptions and billing lines
    registry.add_deletion_hook(account_services.subscription_data_delete)

    registry.add_me_field(
        "plan",
        str | None,
        me_plan,
        description="The slug of the plan that currently plays, if any.",
    )
    registry.add_api_router("/", router)
