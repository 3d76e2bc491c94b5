"""allauth's MFA sign-in stage, skipped when the identity provider has already checked a second factor."""

from allauth.mfa.stages import AuthenticateStage

from . import provider_asserted_mfa


class ProviderAwareAuthenticateStage(AuthenticateStage):
    """Asks for the Academy's own authenticator code unless this sign-in's verified ID token says `amr: mfa`."""

    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and provider_asserted_mfa(sociallogin.account.extra_data):
            return False
        return super()._should_handle(request)
