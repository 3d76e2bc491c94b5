"""Forms for the member's own account."""

from django import forms


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone, so the member confirms with their password."""

    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Enter your password to confirm it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand my learning record will be deleted and cannot be recovered",
        required=True,
        error_messages={"required": "Tick the box to confirm you understand your record will be deleted."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.has_usable_password() or not self.user.check_password(password):
            raise forms.ValidationError("The password is not right.")
        return password
