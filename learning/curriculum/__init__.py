"""The Data Academy curriculum as data: courses in level order, each with lessons, questions and exercises.

The facts come from five county councils' published data strategies (Essex, Gloucestershire, Lancashire,
Nottinghamshire, Worcestershire) and are attributed to the council in the text. ``learning.demo`` loads it.
"""

from . import analyse, engage, reason, understand

COURSES: list[dict] = [*understand.COURSES, *engage.COURSES, *analyse.COURSES, *reason.COURSES]
