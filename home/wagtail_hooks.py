from django.urls import reverse
from wagtail import hooks

from . import search
from .hooks import MAIN_MENU_HOOK, SEARCH_PROVIDERS_HOOK, DashboardPanel, MenuItem

hooks.register(SEARCH_PROVIDERS_HOOK, search.pages_provider)


@hooks.register(MAIN_MENU_HOOK)
def my_learning_menu_item(request):
    return [MenuItem(label="My learning", url=reverse("home:dashboard"), order=90, requires_login=True)]


@hooks.register("academy_dashboard_panels")
def your_data_panel(request):
    return DashboardPanel(title="Your data", template_name="home/panels/your_data.html", order=900)
