"""Small builders for lesson streams, so the curriculum reads as content rather than block plumbing.

Each returns a ``(block type, value)`` pair for ``LessonStreamBlock``. ``exercise`` returns a marker that
``learning.demo`` resolves to the published lab exercise with that slug.
"""


def p(text: str) -> tuple:
    return ("paragraph", f"<p>{text}</p>")


def bullets(*items: str) -> tuple:
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def h(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def inset(text: str) -> tuple:
    return ("callout", {"style": "inset", "title": "", "text": f"<p>{text}</p>"})


def quote(text: str, council: str) -> tuple:
    return ("callout", {"style": "inset", "title": f"From {council}", "text": f"<p>{text}</p>"})


def exercise(slug: str, heading: str = "") -> tuple:
    return ("exercise", {"exercise_slug": slug, "heading": heading})


def _explain(text: str) -> str:
    return f"<p>{text}</p>" if text else ""


def single(prompt, options, *, hint="", explanation="", attempts=2) -> tuple:
    return (
        "single_choice",
        {
            "prompt": f"<p>{prompt}</p>",
            "hint": hint,
            "explanation": _explain(explanation),
            "max_attempts": attempts,
            "options": [{"text": t, "correct": c, "feedback": f} for t, c, f in options],
        },
    )


def multiple(prompt, options, *, scoring="partial", hint="", explanation="", attempts=2) -> tuple:
    block = single(prompt, options, hint=hint, explanation=explanation, attempts=attempts)[1]
    return ("multiple_choice", {**block, "scoring": scoring})


def numeric(prompt, answer, *, tolerance="0", unit="", hint="", explanation="", attempts=2) -> tuple:
    return (
        "numeric",
        {
            "prompt": f"<p>{prompt}</p>",
            "answer": answer,
            "tolerance": tolerance,
            "unit": unit,
            "hint": hint,
            "explanation": _explain(explanation),
            "max_attempts": attempts,
        },
    )


def short_text(prompt, accepted, *, pattern="", hint="", explanation="", attempts=2) -> tuple:
    return (
        "short_text",
        {
            "prompt": f"<p>{prompt}</p>",
            "accepted_answers": accepted,
            "pattern": pattern,
            "case_sensitive": False,
            "hint": hint,
            "explanation": _explain(explanation),
            "max_attempts": attempts,
        },
    )


def ordering(prompt, items, *, hint="", explanation="", attempts=2) -> tuple:
    return (
        "ordering",
        {
            "prompt": f"<p>{prompt}</p>",
            "items": [{"text": item} for item in items],
            "hint": hint,
            "explanation": _explain(explanation),
            "max_attempts": attempts,
        },
    )
