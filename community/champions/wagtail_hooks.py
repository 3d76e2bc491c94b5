"""Champions in the site: the directory's item in the header menu, and champions as help with a competency
(on its gap row and on every lesson that develops it)."""

from django.urls import reverse
from wagtail import hooks

from home.hooks import HELP_LINKS_HOOK, MAIN_MENU_HOOK, HelpLink, MenuItem


@hooks.register(MAIN_MENU_HOOK)
def champions_menu_item(request):
    return [MenuItem(label="Champions", url=reverse("champions:directory"), order=55, requires_login=True)]


@hooks.register(HELP_LINKS_HOOK)
def find_a_champion_link(request, *, competency):
    url = reverse("champions:for_competency", kwargs={"code": competency.code})
    return [HelpLink(label=f"Find a champion for {competency.name}", url=url)]
