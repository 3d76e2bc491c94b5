"""Community-of-practice events: the events index and event pages, sign-ups and calendar files."""
