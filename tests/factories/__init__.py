"""Test data per domain (factory_boy, wagtail_factories): import from here instead of another package's
conftest or test module, so every test package stands on its own."""
