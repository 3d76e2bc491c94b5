"""The champions directory's item in the site's header menu."""

from django.urls import reverse
from wagtail import hooks

from home.hooks import MAIN_MENU_HOOK, MenuItem


@hooks.register(MAIN_MENU_HOOK)
def champions_menu_item(request):
    return [MenuItem(label="Champions", url=reverse("champions:directory"), order=55, requires_login=True)]
