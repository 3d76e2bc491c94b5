"""What the home app holds about a member: the account's emails, MFA, SSO links and Wagtail's records."""

from .personal_data import DETACH, Source

SOURCES = [
    Source("account.EmailAddress", "user", label="email_addresses"),
    Source(
        "mfa.Authenticator",
        "user",
        export_fields=("type", "created_at", "last_used_at"),
        label="authenticators",
    ),
    Source(
        "socialaccount.SocialAccount",
        "user",
        export_fields=("provider", "uid", "date_joined", "last_login"),
        label="council_account_links",
    ),
    Source("wagtailusers.UserProfile", "user", label="admin_preferences"),
    Source("wagtailadmin.EditingSession", "user", label="editing_sessions"),
    Source("wagtailadmin.FormState", "user", exclude_fields=("data",), label="admin_form_state"),
    Source("wagtailcore.APIToken", "user", exclude_fields=("key",), label="api_tokens"),
    Source("wagtailcore.Comment", "user", label="page_comments"),
    Source("wagtailcore.CommentReply", "user", label="page_comment_replies"),
    Source("wagtailcore.PageSubscription", "user", label="page_subscriptions"),
    # Content they authored stays; it just no longer names them.
    Source(
        "wagtailcore.Comment", "resolved_by", erase=DETACH, export_fields=("id",), label="comments_resolved"
    ),
    Source("wagtailcore.Page", "owner", erase=DETACH, export_fields=("id", "title"), label="pages_owned"),
    Source(
        "wagtailcore.Page", "locked_by", erase=DETACH, export_fields=("id", "title"), label="pages_locked"
    ),
    Source(
        "wagtailcore.Revision", "user", erase=DETACH, export_fields=("id", "created_at"), label="revisions"
    ),
    Source(
        "wagtailcore.ModelLogEntry",
        "user",
        erase=DETACH,
        export_fields=("id", "action", "timestamp"),
        label="admin_log",
    ),
    Source(
        "wagtailcore.PageLogEntry",
        "user",
        erase=DETACH,
        export_fields=("id", "action", "timestamp"),
        label="page_log",
    ),
    Source(
        "wagtailcore.UploadedFile", "uploaded_by_user", erase=DETACH, export_fields=("id",), label="uploads"
    ),
    Source(
        "wagtailcore.WorkflowState", "requested_by", erase=DETACH, export_fields=("id",), label="workflows"
    ),
    Source(
        "wagtailcore.TaskState", "finished_by", erase=DETACH, export_fields=("id",), label="workflow_tasks"
    ),
    Source(
        "wagtailimages.Image", "uploaded_by_user", erase=DETACH, export_fields=("id", "title"), label="images"
    ),
    Source(
        "wagtaildocs.Document",
        "uploaded_by_user",
        erase=DETACH,
        export_fields=("id", "title"),
        label="documents",
    ),
]
