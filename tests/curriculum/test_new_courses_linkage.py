"""The data linkage and measuring data quality packs (issue #17): their lab exercises' model solutions, run
on the packs' own CSVs, send the right answers, and the typed answers that no recipe can express (a real join)
are recomputed here from the CSVs with pandas."""

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from jupyterlite import recipes
from jupyterlite.answers import mark
from jupyterlite.models import Question

pd = pytest.importorskip("pandas")

PACKS = Path(__file__).resolve().parents[2] / "learning" / "packs"
KERNEL_HELPER = Path(__file__).resolve().parents[2] / "jupyterlite" / "kernel_helper"
LINKAGE = PACKS / "data-linkage-and-a-single-view-of-a-resident"
QUALITY = PACKS / "measuring-data-quality"
NEW_PACKS = [LINKAGE, QUALITY]


def read(pack: Path, slug: str) -> tuple[str, list[dict]]:
    """A pack dataset's CSV text and its catalogue columns."""
    text = (pack / "datasets" / f"{slug}.csv").read_text(encoding="utf-8")
    columns = json.loads((pack / "datasets" / f"{slug}.json").read_text(encoding="utf-8"))["columns"]
    return text, columns


def exercises(pack: Path) -> list[dict]:
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted((pack / "exercises").glob("*.json"))
    ]


def expected(pack: Path, question: dict):
    """The server's right answer: the recipe worked out on the pack CSV, or the typed value."""
    if question["recipe"]:
        text, columns = read(pack, question["recipe"]["dataset"])
        recipe = recipes.parse(question["recipe"], columns=columns)
        return recipes.evaluate(recipe, list(csv.DictReader(io.StringIO(text))))
    assert question["expected_value"] and not question["computation"], question["key"]
    return question["expected_value"]


@pytest.fixture
def academy(monkeypatch):
    """The kernel's academy module reading the new packs' datasets, with check() recording answers."""
    monkeypatch.syspath_prepend(str(KERNEL_HELPER))
    sys.modules.pop("academy", None)
    import academy

    types = {}
    for pack in NEW_PACKS:
        for path in (pack / "datasets").glob("*.csv"):
            text, columns = read(pack, path.stem)
            monkeypatch.setitem(academy._cache, path.stem, text)
            types[path.stem] = [{"name": c["name"], "type": c["type"]} for c in columns]
    monkeypatch.setattr(academy, "_get_json", lambda url: (200, {"columns": types[url.split("/")[2]]}))
    answers: dict = {}
    monkeypatch.setattr(academy, "check", lambda question, value: answers.__setitem__(question, value))
    monkeypatch.setattr(academy, "_display", lambda bundle: None)
    yield answers
    sys.modules.pop("academy", None)


CASES = [(pack, exercise) for pack in NEW_PACKS for exercise in exercises(pack)]


@pytest.mark.parametrize(("pack", "exercise"), CASES, ids=[e["slug"] for _, e in CASES])
def test_model_solution_on_the_pack_datasets_gives_the_right_answers(pack, exercise, academy):
    namespace: dict = {}
    exec(compile(exercise["starter_code"], exercise["slug"] + "-starter", "exec"), namespace)  # noqa: S102
    exec(compile(exercise["solution"], exercise["slug"] + "-solution", "exec"), namespace)  # noqa: S102
    keys = [q["key"] for q in exercise["questions"]]
    assert set(academy) == set(keys), "the solution must check every question"
    assert all(key.startswith(exercise["slug"] + "-") for key in keys), "keys start with the exercise slug"
    for data in exercise["questions"]:
        question = Question(
            key=data["key"],
            answer_type=data["answer_type"],
            tolerance=data["tolerance"],
            known_wrong_answers=data["known_wrong_answers"],
        )
        value = json.loads(json.dumps(academy[data["key"]], default=str))
        right = expected(pack, data)
        assert mark(question, value, right).correct, (
            f"{data['key']}: solution gave {value!r}, expected {right!r}"
        )
        for wrong in data["known_wrong_answers"]:
            assert abs(float(wrong["value"]) - float(right)) > float(wrong["tolerance"]), data["key"]


ABBREVIATIONS = {"str": "street", "st": "street", "st.": "street", "rd": "road", "rd.": "road", "ln": "lane"}
ABBREVIATIONS |= {"cl": "close", "ave": "avenue", "av.": "avenue", "dr": "drive", "drv": "drive"}


def address(row) -> str:
    *stem, last = row["street"].strip().lower().split()
    street = " ".join([*stem, ABBREVIATIONS.get(last, last)])
    return f"{row['house'].strip()}|{street}|{row['postcode'].upper().replace(' ', '')}"


def test_typed_linkage_answers_are_recomputed_from_the_pack_csvs():
    """Stage 1: badges whose UPRN is on a council tax account; stage 2: the rest, on house number,
    standardised street and postcode; the answers are the badges matched in stage 1 and left after stage 2."""
    badges = pd.read_csv(LINKAGE / "datasets" / "blue-badge-holders.csv", dtype=str, keep_default_na=False)
    accounts = pd.read_csv(
        LINKAGE / "datasets" / "council-tax-accounts.csv", dtype=str, keep_default_na=False
    )
    account_uprns = accounts.loc[accounts["uprn"] != "", ["uprn"]].drop_duplicates()
    stage1 = badges[badges["uprn"] != ""].merge(account_uprns, on="uprn", how="left", indicator=True)
    on_uprn = set(stage1.loc[stage1["_merge"] == "both", "badge_ref"])
    rest = badges[~badges["badge_ref"].isin(on_uprn)].assign(key=lambda f: f.apply(address, axis=1))
    keys = accounts.assign(key=lambda f: f.apply(address, axis=1))[["key"]]
    assert not keys["key"].duplicated().any(), "each account's address key is unique"
    stage2 = rest.merge(keys, on="key", how="left", indicator=True)
    unmatched = int((stage2["_merge"] == "left_only").sum())

    (exercise,) = exercises(LINKAGE)
    typed = {q["key"]: q["expected_value"] for q in exercise["questions"] if not q["recipe"]}
    assert typed == {
        "linking-blue-badges-to-council-tax-matched-on-uprn": str(len(on_uprn)),
        "linking-blue-badges-to-council-tax-unmatched": str(unmatched),
    }
    # The dataset teaches what the lessons say: blanks, variants and some badges with nowhere to match.
    assert 0 < unmatched < len(badges) - len(on_uprn)
    assert badges["street"].nunique() > accounts["street"].map(lambda s: s.split()[0]).nunique()


def test_new_packs_are_level_3_with_links_at_the_course_level():
    for pack, codes in ((LINKAGE, {"DQ3", "AN3"}), (QUALITY, {"DQ1", "FU3"})):
        course = json.loads((pack / "course.json").read_text(encoding="utf-8"))
        assert course["level"] == 3
        assert {c["code"] for c in course["competencies"]} == codes
        assert all(c["level"] == 3 for c in course["competencies"])
        lessons = [json.loads((pack / "lessons" / f"{s}.json").read_text()) for s in course["lessons"]]
        assert course["estimated_minutes"] == sum(lesson["estimated_minutes"] for lesson in lessons)
        for lesson in lessons:
            for block in lesson["body"]:
                if block["type"] in ("single_choice", "multiple_choice"):
                    value = block["value"]
                    assert 3 <= len(value["options"]) <= 5, lesson["slug"]
                    assert value["hint"] and value["explanation"], lesson["slug"]
                    assert all(o["value"]["feedback"] for o in value["options"]), lesson["slug"]
