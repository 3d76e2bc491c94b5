"""Same-origin URLs the helper talks to. The lab build rewrites this file from the project's URLconf."""

DATASET_URL = "/datasets/{name}.csv"
TOKEN_URL = "/exercises/api/token/"  # noqa: S105 - a URL, not a secret
ANSWER_URL = "/exercises/api/answer/"
CHANNEL = "data-academy-exercises"
