"""Short forum views: each checks its permission, calls a service or selector, and renders."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from home.permissions import can, require

from . import composer, moderation, notifications, selectors, services
from .forms import (
    EditForm,
    FlagForm,
    HideForm,
    PreferenceForm,
    ReasonForm,
    ReplyForm,
    TopicForm,
    TopicModerationForm,
    WatchForm,
)
from .models import Category, MemberProfile, ModerationAction, Notification, Post, PostImage, Topic
from .permissions import categories_moderated_by, moderation_actions_visible_to

COMMUNITY_CRUMB = {"label": "Community", "url": "/community/"}


def member_required(view):
    """Signed-in members only; anonymous visitors are sent to sign in."""

    @login_required
    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require(request.user, "view_forum")
        return view(request, *args, **kwargs)

    return wrapper


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's validation errors on the form, so the page shows them with the user's text intact."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def _topic_list(request, *, topics, title: str, template="community/topic_list.html", **extra):
    page_obj = Paginator(topics, selectors.TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    topic_rows = selectors.with_unread(topics=page_obj.object_list, user=request.user)
    context = {"title": title, "page_obj": page_obj, "topics": topic_rows, "breadcrumbs": [COMMUNITY_CRUMB]}
    return render(request, template, context | extra)


# --- Reading -----------------------------------------------------------------------------------


@member_required
def index(request):
    from community.events.selectors import events_index_url

    return render(
        request,
        "community/index.html",
        {"categories": selectors.category_list(), "events_url": events_index_url(request)},
    )


@member_required
def category(request, slug):
    cat = get_object_or_404(Category, slug=slug)
    watching = cat.watches.filter(user=request.user).exists()
    muted = cat.mutes.filter(user=request.user).exists()
    return _topic_list(
        request,
        topics=selectors.category_topics(category=cat, user=request.user),
        title=cat.name,
        template="community/category.html",
        category=cat,
        watching=watching,
        muted=muted,
    )


@member_required
def latest(request):
    return _topic_list(request, topics=selectors.latest_topics(user=request.user), title="Latest topics")


@member_required
def unanswered(request):
    return _topic_list(
        request, topics=selectors.unanswered_topics(user=request.user), title="Unanswered topics"
    )


@member_required
def mine(request):
    return _topic_list(request, topics=selectors.my_topics(user=request.user), title="My topics")


def _get_topic(request, pk) -> Topic:
    topic = get_object_or_404(
        Topic.objects.select_related("category", "author", "accepted_post__author"), pk=pk
    )
    if topic.is_hidden and not (topic.author_id == request.user.pk or can(request.user, "hide_post", topic)):
        raise Http404("No such topic")
    return topic


@member_required
def topic(request, pk, slug=None):
    topic = _get_topic(request, pk)
    paginator, page_obj = selectors.topic_page(topic=topic, page_number=request.GET.get("page"))
    posts = page_obj.object_list
    for post in posts:
        post.topic = topic
    last_read = selectors.last_read_number(user=request.user, topic=topic)
    if posts:
        services.topic_mark_read(user=request.user, topic=topic, number=posts[-1].number)
    context = {
        "topic": topic,
        "category": topic.category,
        "page_obj": page_obj,
        "posts": posts,
        "liked": selectors.liked_post_ids(user=request.user, posts=posts),
        "last_read": last_read,
        "watching": topic.watches.filter(user=request.user).exists(),
        "muted": topic.mutes.filter(user=request.user).exists(),
        "form": ReplyForm(),
        "breadcrumbs": [
            COMMUNITY_CRUMB,
            {"label": topic.category.name, "url": topic.category.get_absolute_url()},
        ],
    }
    return render(request, "community/topic.html", context)


@member_required
def post_permalink(request, pk):
    """A post's short link: to its place in its topic, for those who may see both (the topic's address holds
    its title, so a hidden topic or post is a 404 like the topic page itself)."""
    post = get_object_or_404(Post.objects.select_related("topic"), pk=pk)
    _get_topic(request, post.topic_id)
    if not can(request.user, "view_post", post):
        raise Http404("No such post")
    page = selectors.page_for_post_number(post.number)
    return redirect(f"{post.topic.get_absolute_url()}?page={page}#post-{post.number}")


@member_required
def topic_last(request, pk):
    topic = _get_topic(request, pk)
    page = selectors.page_for_post_number(max(topic.post_count, 1))
    return redirect(f"{topic.get_absolute_url()}?page={page}#post-{topic.post_count}")


# --- Writing -----------------------------------------------------------------------------------


@member_required
def topic_new(request, slug):
    cat = get_object_or_404(Category, slug=slug)
    require(request.user, "create_topic", cat)
    composed = (
        composer.compose(request, TopicForm) if request.method == "POST" else composer.Composed(TopicForm())
    )
    form = composed.form
    if request.method == "POST" and not composed.stay and form.is_valid():
        try:
            new = services.topic_create(
                user=request.user,
                category=cat,
                title=form.cleaned_data["title"],
                source=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Your topic has been posted.")
            return redirect(new.get_absolute_url())
    crumbs = [COMMUNITY_CRUMB, {"label": cat.name, "url": cat.get_absolute_url()}]
    context = {"form": form, "category": cat, "breadcrumbs": crumbs, "preview": composed.preview}
    return render(request, "community/topic_form.html", context)


@member_required
def reply(request, pk):
    topic = _get_topic(request, pk)
    require(request.user, "reply_topic", topic)
    initial = {}
    quote_id = request.GET.get("quote")
    if request.method == "GET" and quote_id and quote_id.isdigit():
        quoted = Post.objects.filter(pk=int(quote_id), topic=topic).select_related("author").first()
        if quoted is not None and can(request.user, "view_post", quoted):
            initial = {"body": services.quote_source(post=quoted), "reply_to": quoted.pk}
    if request.method == "POST":
        composed = composer.compose(request, ReplyForm)
    else:
        composed = composer.Composed(ReplyForm(initial=initial))
    form = composed.form
    if request.method == "POST" and not composed.stay and form.is_valid():
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = Post.objects.filter(pk=form.cleaned_data["reply_to"], topic=topic).first()
        try:
            post = services.post_create(
                user=request.user, topic=topic, source=form.cleaned_data["body"], reply_to=reply_to
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Your reply has been posted.")
            return redirect(post.get_absolute_url())
    crumbs = [COMMUNITY_CRUMB, {"label": topic.category.name, "url": topic.category.get_absolute_url()}]
    context = {"form": form, "topic": topic, "breadcrumbs": crumbs, "preview": composed.preview}
    return render(request, "community/reply_form.html", context)


def _get_post(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("topic__category", "author"), pk=pk)
    if not can(request.user, "view_post", post):
        raise Http404("No such post")
    return post


@member_required
def post_edit(request, pk):
    post = _get_post(request, pk)
    require(request.user, "edit_post", post)
    if request.method == "POST":
        composed = composer.compose(request, EditForm)
    else:
        composed = composer.Composed(EditForm(initial={"body": post.source}))
    form = composed.form
    if request.method == "POST" and not composed.stay and form.is_valid():
        try:
            services.post_edit(
                user=request.user,
                post=post,
                source=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(post.get_absolute_url())
    context = {"form": form, "post": post, "topic": post.topic, "preview": composed.preview}
    return render(request, "community/post_edit.html", context)


@member_required
def post_history(request, pk):
    post = _get_post(request, pk)
    revisions = post.revisions.select_related("edited_by")
    return render(
        request, "community/post_history.html", {"post": post, "topic": post.topic, "revisions": revisions}
    )


@member_required
@require_POST
def post_like(request, pk):
    post = _get_post(request, pk)
    liked = services.post_like_toggle(user=request.user, post=post)
    messages.success(request, "You liked this post." if liked else "You took back your like.")
    return redirect(post.get_absolute_url())


@member_required
@require_POST
def post_accept(request, pk):
    post = _get_post(request, pk)
    accepted = services.post_accept_toggle(user=request.user, post=post)
    messages.success(
        request, "Marked as the accepted answer." if accepted else "No longer the accepted answer."
    )
    return redirect(post.get_absolute_url())


@member_required
@require_POST
def topic_watch(request, pk):
    topic = _get_topic(request, pk)
    watch = WatchForm(request.POST).watching()
    services.topic_watch_set(user=request.user, topic=topic, watch=watch)
    messages.success(request, "You are watching this topic." if watch else "You stopped watching this topic.")
    return redirect(topic.get_absolute_url())


@member_required
@require_POST
def category_watch(request, slug):
    cat = get_object_or_404(Category, slug=slug)
    watch = WatchForm(request.POST).watching()
    services.category_watch_set(user=request.user, category=cat, watch=watch)
    messages.success(
        request, "You will be told about new topics here." if watch else "You stopped watching this category."
    )
    return redirect(cat.get_absolute_url())


@member_required
@require_POST
def topic_mute(request, pk):
    topic = _get_topic(request, pk)
    mute = request.POST.get("mute") == "1"
    services.topic_mute_set(user=request.user, topic=topic, mute=mute)
    messages.success(
        request,
        "You will not be told about this topic." if mute else "You will be told about this topic again.",
    )
    return redirect(topic.get_absolute_url())


@member_required
@require_POST
def category_mute(request, slug):
    cat = get_object_or_404(Category, slug=slug)
    mute = request.POST.get("mute") == "1"
    services.category_mute_set(user=request.user, category=cat, mute=mute)
    messages.success(
        request,
        "You will not be told about anything in this category."
        if mute
        else "This category is no longer muted.",
    )
    return redirect(cat.get_absolute_url())


# --- Composer: live preview and images ----------------------------------------------------------


@member_required
@require_POST
def preview(request):
    """The composer's live preview (POST, CSRF-checked, rate-limited): an HTML fragment."""
    return composer.preview_response(request)


@member_required
@require_GET
def image(request, key):
    return composer.image_response(get_object_or_404(PostImage, key=key))


# --- Moderation --------------------------------------------------------------------------------


@member_required
def post_flag(request, pk):
    post = _get_post(request, pk)
    require(request.user, "flag_post", post)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.post_flag(user=request.user, post=post, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Thank you. A moderator will review the post.")
            return redirect(post.get_absolute_url())
    return render(request, "community/post_flag.html", {"form": form, "post": post, "topic": post.topic})


@member_required
def post_hide(request, pk):
    """Hide a visible post or unhide a hidden one, with a reason for the log."""
    post = _get_post(request, pk)
    require(request.user, "hide_post", post)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = moderation.post_unhide if post.is_hidden else moderation.post_hide
        action(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, "The post is hidden." if post.is_hidden else "The post is visible again.")
        if form.back_to_queue():
            return redirect("community:moderation")
        return redirect(post.get_absolute_url())
    return render(request, "community/post_hide.html", {"form": form, "post": post, "topic": post.topic})


@member_required
def topic_moderate(request, pk):
    topic = _get_topic(request, pk)
    require(request.user, "lock_topic", topic)
    categories = categories_moderated_by(request.user).exclude(pk=topic.category_id)
    form = TopicModerationForm(request.POST or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        data, actor = form.cleaned_data, request.user
        try:
            if data["action"] in ("lock", "unlock"):
                moderation.topic_lock_set(
                    actor=actor, topic=topic, locked=data["action"] == "lock", reason=data["reason"]
                )
            elif data["action"] in ("pin", "unpin"):
                moderation.topic_pin_set(
                    actor=actor, topic=topic, pinned=data["action"] == "pin", reason=data["reason"]
                )
            else:
                moderation.topic_move(
                    actor=actor, topic=topic, category=data["category"], reason=data["reason"]
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "Done. The action is in the moderation log.")
            return redirect(topic.get_absolute_url())
    return render(request, "community/topic_moderate.html", {"form": form, "topic": topic})


@member_required
def moderation_queue(request):
    require(request.user, "view_moderation_queue")
    categories = categories_moderated_by(request.user)
    chosen = request.GET.get("category")
    scope = categories.filter(slug=chosen) if chosen else categories
    posts = Paginator(moderation.open_flag_posts(categories=scope), 20).get_page(request.GET.get("page"))
    context = {
        "page_obj": posts,
        "categories": categories,
        "chosen": chosen,
        "breadcrumbs": [COMMUNITY_CRUMB],
    }
    return render(request, "community/moderation_queue.html", context)


@member_required
def flags_dismiss(request, pk):
    post = _get_post(request, pk)
    require(request.user, "hide_post", post)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = moderation.flags_dismiss(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(
            request, f"Dismissed {count} flag{'s' if count != 1 else ''}. The post stays visible."
        )
        return redirect("community:moderation")
    return render(request, "community/flags_dismiss.html", {"form": form, "post": post, "topic": post.topic})


@member_required
def moderation_log(request):
    require(request.user, "view_moderation_queue")
    actions = moderation_actions_visible_to(
        request.user, ModerationAction.objects.select_related("actor", "topic", "post", "category")
    )
    page_obj = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(
        request, "community/moderation_log.html", {"page_obj": page_obj, "breadcrumbs": [COMMUNITY_CRUMB]}
    )


# --- Notifications -----------------------------------------------------------------------------


@member_required
def notification_list(request):
    page_obj = Paginator(selectors.recent_notifications(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "community/notifications.html", {"page_obj": page_obj})


@member_required
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notifications.mark_read(user=request.user, notification_ids=[notification.pk])
    return redirect("community:post", pk=notification.post_id)


@member_required
@require_POST
def notifications_mark_read(request):
    count = notifications.mark_read(user=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("community:notifications")


@member_required
def notification_settings(request):
    pref = notifications.preferences_for(request.user)
    initial = {
        "email": pref.email,
        "mentions": pref.mentions,
        "replies": pref.replies,
        "watched": pref.watched,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notifications.preference_set(user=request.user, **form.cleaned_data)
        messages.success(request, "Your email settings have been saved.")
        return redirect("community:notification_settings")
    return render(request, "community/notification_settings.html", {"form": form})


@csrf_exempt  # the signed token is the proof; mail clients post here with no session (RFC 8058)
@never_cache
def unsubscribe(request, token):
    user = notifications.user_for_unsubscribe_token(token)
    if user is None:
        return render(request, "community/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        notifications.preference_set(user=user, email="off")
        return render(request, "community/unsubscribe.html", {"done": True})
    return render(request, "community/unsubscribe.html", {"token": token})


# --- Search, profiles, lessons -----------------------------------------------------------------


@member_required
def search(request):
    """The old community search: the one site search, showing forum results."""
    params = QueryDict(mutable=True)
    params.update({"q": request.GET.get("q", ""), "type": "forum"})
    return redirect(f"{reverse('home:search')}?{params.urlencode()}")


@member_required
def profile(request, handle):
    member = get_object_or_404(
        MemberProfile.objects.select_related("user"), handle=handle, user__is_active=True
    )
    topics = selectors.latest_topics(user=request.user).filter(author=member.user)[:10]
    context = {"member": member, "topics": topics, "breadcrumbs": [COMMUNITY_CRUMB]}
    return render(request, "community/profile.html", context)


@member_required
def discuss_page(request, page_id):
    """A lesson's discussion: its topic if it has one; otherwise (GET) a button to start it, and (POST) start
    it, with its course's category on first use. Reading never creates anything, and only lessons have one."""
    from learning.models import LessonPage

    page = get_object_or_404(Page.objects.live().type(LessonPage), pk=page_id)
    if not all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        raise PermissionDenied
    require(request.user, "view_forum")
    topic = Topic.objects.filter(page=page).first()
    if topic is None and request.method == "POST":
        topic = services.lesson_topic_open(user=request.user, page=page.specific)
    if topic is not None:
        return redirect(topic.get_absolute_url())
    return render(request, "community/discuss_start.html", {"lesson": page})
