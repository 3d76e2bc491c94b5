"""Any other council identity provider through OpenID Connect discovery."""
