from django.urls import reverse
from wagtail import hooks

from .hooks import MAIN_MENU_HOOK, MenuItem


@hooks.register(MAIN_MENU_HOOK)
def my_learning_menu_item(request):
    return [MenuItem(label="My learning", url=reverse("home:dashboard"), order=90, requires_login=True)]
