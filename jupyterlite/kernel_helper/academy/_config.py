"""Same-origin URLs the helper talks to. The lab build rewrites this file from the project's URLconf."""

DATASET_URL = "/datasets/{name}.csv"
COLUMNS_URL = "/datasets/{name}/columns/"
TOKEN_URL = "/exercises/api/token/"  # noqa: S105 - a URL, not a secret
ANSWER_URL = "/exercises/api/answer/"
HINT_URL = "/exercises/api/questions/{key}/hint/"
SOLUTION_URL = "/exercises/api/questions/{key}/solution/"
CHANNEL = "data-academy-exercises"
