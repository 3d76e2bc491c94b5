"""The data champions directory, applications, coverage report and community events."""
