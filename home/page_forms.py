"""The admin form every page type uses: slug clashes explained where the author is looking.

Wagtail 8 autosaves a page being created, so an author who types a title and walks away leaves a draft page
that was never published; its slug then blocks the next attempt, and Wagtail's error sits on the Promote tab.

- A never-published draft of the same author, not locked, not in a workflow and without children, is an
  abandoned first edit: it no longer blocks the slug and is deleted (and logged) when the new page is saved.
- Any other clash is also reported at the top of the form (the banner over every tab), naming the page in
  the way and what to do.
"""

from wagtail.actions.delete_page import DeletePageAction
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


def is_abandoned_first_edit(page: Page, user) -> bool:
    """A draft `user` started and never published, that nothing else depends on."""
    return (
        user is not None
        and page.owner_id == getattr(user, "pk", None)
        and not page.live
        and page.first_published_at is None
        and not page.locked
        and not page.workflow_in_progress
        and page.numchild == 0
    )


class SlugClashPageForm(WagtailAdminPageForm):
    def clean(self):
        self._abandoned_drafts = []
        slug = self.cleaned_data.get("slug")
        parent = self.parent_page
        clashing = []
        if slug and parent is not None:
            clashing = list(parent.get_children().filter(slug=slug).exclude(pk=self.instance.pk).specific())
        cleaned = super().clean()
        if not clashing or "slug" not in self.errors:
            return cleaned
        if all(is_abandoned_first_edit(page, self.for_user) for page in clashing):
            # The author's own abandoned first edit: free the slug; the drafts go when this page is saved.
            del self._errors["slug"]
            cleaned["slug"] = slug
            self._abandoned_drafts = clashing
            return cleaned
        other = clashing[0]
        state = "a published page" if other.live else "an unpublished draft"
        # Wagtail lists non-field errors in the banner above every tab (as plain text, so no link here).
        self.add_error(
            None,
            f'The address "{slug}" is already used by {state}, "{other.title}" (page ID {other.pk}, in '
            f'Pages under "{parent.title}"). Change "Slug" on the Promote tab, or rename or delete that page first.',
        )
        return cleaned

    def save(self, commit=True):
        for draft in getattr(self, "_abandoned_drafts", []):
            DeletePageAction(draft, user=self.for_user).execute(skip_permission_checks=True)
        if getattr(self, "_abandoned_drafts", None):
            self._abandoned_drafts = []
            self.parent_page.refresh_from_db()  # treebeard reads the parent's child count to place the new page
        return super().save(commit=commit)
