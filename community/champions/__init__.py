"""The data champions directory, applications and the coverage report."""
