"""Categories, topics, posts, their edit history, and the per-member forum profile (handle, counts)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel


class Category(models.Model):
    """A forum: one per business area or topic, or one per course (linked to the course page)."""

    name = models.CharField(max_length=100, help_text="Shown in lists, e.g. 'Adult Social Care data'.")
    slug = models.SlugField(max_length=100, unique=True, help_text="The last part of the address.")
    description = models.TextField(blank=True, help_text="One or two sentences on what belongs here.")
    position = models.PositiveIntegerField(default=100, help_text="Lower numbers are listed first.")
    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_category",
        help_text="Optional: the course (or other page) this category discusses.",
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_categories",
        help_text="Data champions who moderate this category.",
    )
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("position"),
        FieldPanel("page"),
        FieldPanel("moderators"),
    ]

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:category", kwargs={"slug": self.slug})


class Topic(models.Model):
    """A conversation: a first post (the question) and its replies."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_topic",
        help_text="The lesson (or other page) this topic discusses.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    # Hidden with its first post: listed only to moderators.
    is_hidden = models.BooleanField(default=False)
    accepted_post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Every post ever made (numbering); reply_count counts visible replies only.
    post_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    like_count = models.PositiveIntegerField(default=0)
    last_post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["category", "-is_pinned", "-last_post_at"], name="topic_category_list"),
            models.Index(fields=["-last_post_at"], name="topic_latest"),
            models.Index(fields=["author", "-last_post_at"], name="topic_author"),
            models.Index(fields=["reply_count", "-last_post_at"], name="topic_unanswered"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:topic", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "topic"

    @property
    def is_solved(self) -> bool:
        return self.accepted_post_id is not None


class Post(models.Model):
    """One message in a topic. `source` is what the author wrote; `html` is rendered once, at save.
    Searched through community/search.py (a search-vector index on PostgreSQL), not Wagtail's index."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(help_text="Position in the topic: 1 is the question.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    source = models.TextField()
    html = models.TextField(editable=False)
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    is_hidden = models.BooleanField(default=False)
    like_count = models.PositiveIntegerField(default=0)
    # Open flags, kept in step by the moderation services; reaching the limit hides the post.
    open_flag_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["topic", "number"], name="post_unique_number")]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="post_author_recent"),
            models.Index(fields=["open_flag_count"], name="post_open_flags"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} in {self.topic_id}"

    def get_absolute_url(self) -> str:
        return reverse("community:post", kwargs={"pk": self.pk})

    @property
    def is_first(self) -> bool:
        return self.number == 1


class PostRevision(models.Model):
    """The text of a post before an edit: the visible edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    html = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class MemberProfile(models.Model):
    """A member's forum identity: the @handle others mention, and counts shown on their profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    handle = models.SlugField(max_length=30, unique=True)
    post_count = models.PositiveIntegerField(default=0)
    accepted_answer_count = models.PositiveIntegerField(default=0)
    like_received_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"@{self.handle}"

    def get_absolute_url(self) -> str:
        return reverse("community:profile", kwargs={"handle": self.handle})
