"""Forms for writing and moderating. They only validate shape; the services enforce the rules."""

from django import forms

from .models import Category, Flag, NotificationPreference

BODY_HELP = (
    "Markdown works: **bold**, _italic_, ~~strike~~, `code`, lists, - [ ] task lists, > quotes, links (web "
    "addresses link by themselves), tables and code blocks between ``` lines. A new line is a line break. "
    "Mention someone with @ and their handle."
)


class ComposerForm(forms.Form):
    """What every composer has besides its text: an optional image and the description it must have."""

    image = forms.FileField(
        label="Image file",
        required=False,
        help_text="A PNG, JPEG, GIF or WebP picture, e.g. a screenshot of a chart, up to 5 MB. It is added to "
        "your message when you preview or post.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )
    image_alt = forms.CharField(
        label="Describe the image",
        required=False,
        max_length=250,
        help_text="Needed when you add an image, for people who cannot see it, e.g. “Bar chart: missed bins "
        "fell from 40 to 12 a week”.",
        error_messages={"max_length": "The description must be 250 characters or fewer"},
    )


class ReplyForm(ComposerForm):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
        error_messages={"required": "Enter your reply"},
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TopicForm(ComposerForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A question or a clear summary, e.g. “How do I remove duplicate addresses in Excel?”",
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=BODY_HELP,
        error_messages={"required": "Enter your message"},
    )


class EditForm(ComposerForm):
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=BODY_HELP,
        error_messages={"required": "Enter the message"},
    )
    reason = forms.CharField(
        label="Why are you editing?",
        required=False,
        max_length=200,
        help_text="Shown in the edit history, e.g. “Fixed a typo”.",
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why should a moderator look at this post?",
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are flagging this post"},
    )
    detail = forms.CharField(
        label="Anything the moderators should know",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you chose “Something else”. Only moderators see this.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the moderation log with your name and the time.",
        error_messages={"required": "Enter a reason: it is kept in the moderation log"},
    )


class TopicModerationForm(forms.Form):
    ACTIONS = [
        ("lock", "Lock: no more replies"),
        ("unlock", "Unlock: allow replies again"),
        ("pin", "Pin to the top of the category"),
        ("unpin", "Unpin"),
        ("move", "Move to another category"),
    ]
    action = forms.ChoiceField(
        label="What do you want to do?",
        choices=ACTIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want to do"},
    )
    category = forms.ModelChoiceField(
        label="Move to",
        queryset=Category.objects.none(),
        required=False,
        help_text="Only for “Move”: the categories you moderate.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the moderation log with your name and the time.",
        error_messages={"required": "Enter a reason: it is kept in the moderation log"},
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories if categories is not None else Category.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("category"):
            self.add_error("category", "Choose the category to move the topic to")
        return data


class PreferenceForm(forms.Form):
    mentions = forms.BooleanField(label="Someone mentions me with @ and my handle", required=False)
    replies = forms.BooleanField(label="Someone replies to a topic I started", required=False)
    watched = forms.BooleanField(
        label="Something new in a topic or category I watch",
        required=False,
        help_text="Replies in topics you watch and new topics in categories you watch.",
    )
    email = forms.ChoiceField(
        label="Email me about community notifications",
        choices=NotificationPreference.Email.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you want email"},
    )


class WatchForm(forms.Form):
    """The watch / stop watching button of a topic or category."""

    watch = forms.TypedChoiceField(
        choices=[("1", "Watch"), ("0", "Stop watching")], coerce=lambda value: value == "1", required=False
    )

    def watching(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["watch"])


class HideForm(ReasonForm):
    """Hide or unhide a post; from the moderation queue the moderator goes back to it."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def back_to_queue(self) -> bool:
        return self.cleaned_data.get("next") == "queue"
