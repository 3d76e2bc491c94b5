"""Champions in the site: the directory's item in the header menu, and champions as help with a competency
(on its gap row and on every lesson that develops it)."""

from django.urls import reverse
from wagtail import hooks

from community.services import MARKDOWN_RERENDER_HOOK
from home.hooks import HELP_LINKS_HOOK, MAIN_MENU_HOOK, SEARCH_PROVIDERS_HOOK, HelpLink, MenuItem

from . import search, services


@hooks.register(MAIN_MENU_HOOK)
def champions_menu_item(request):
    return [MenuItem(label="Champions", url=reverse("champions:directory"), order=55, requires_login=True)]


@hooks.register(HELP_LINKS_HOOK)
def find_a_champion_link(request, *, competency):
    url = reverse("champions:for_competency", kwargs={"code": competency.code})
    return [HelpLink(label=f"Find a champion for {competency.name}", url=url)]


# The one site search (home.search): active champions by name, bio and competencies.
hooks.register(SEARCH_PROVIDERS_HOOK, search.champion_provider)


@hooks.register(MARKDOWN_RERENDER_HOOK)
def rerender_bios(*, batch_size: int):
    return services.bios_rerender(batch_size=batch_size)
