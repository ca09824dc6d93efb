"""The law commands through click's runner and, once, through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tierwatch.cli import cli

CAMBODIA = "2019:2WL 2020:2WL 2021:2WL+waiver"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clock_json_has_the_keys_of_the_issue() -> None:
    code, out, _ = run("clock", "--history", CAMBODIA, "--year", "2022", "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["report_year"] == 2022
    assert answer["watch_list_years"] == 3
    assert answer["waivers_used"] == 1
    assert answer["waivers_left"] == 0
    assert answer["tier3_forced_in"] == 2022
    assert answer["lawful_placements"] == ["Tier 1", "Tier 2", "Tier 3"]
    for firing in answer["explanation"]:
        assert {"rule", "citation", "outcome", "inputs"} <= set(firing)
    assert any(f["rule"] == "automatic_downgrade" for f in answer["explanation"])


def test_clock_json_is_byte_for_byte_repeatable() -> None:
    first = run("clock", "--history", CAMBODIA, "--year", "2022", "--json")[1]
    second = run("clock", "--history", CAMBODIA, "--year", "2022", "--json")[1]
    assert first == second


def test_clock_text_is_short_sentences() -> None:
    code, out, _ = run("clock", "--history", CAMBODIA, "--year", "2022")
    assert code == 0
    assert "Consecutive Tier 2 Watch List years before 2022: 3 (2019-2021)." in out
    assert "Tier 3 is forced in 2022 unless the country moves up." in out
    assert "Lawful placements in 2022: Tier 1, Tier 2, Tier 3." in out


@pytest.mark.parametrize(("history", "year"), [
    (CAMBODIA, 2022),  # the watch list is no longer lawful
    ("2019:2WL 2020:2WL", 2021),  # the watch list only with a waiver
    ("2017:2WL 2018:2WL 2019:3 2020:2WL 2021:?", 2022),  # an unknown year leaves it open
])
def test_clock_text_prints_the_one_lawful_phrase(history: str, year: int) -> None:
    """The clock words the lawful placements as the country view, what-if and reports do."""
    summary = json.loads(run("clock", "--history", history, "--year", str(year),
                             "--json")[1])["lawful_summary"]
    code, out, _ = run("clock", "--history", history, "--year", str(year))
    assert code == 0
    lawful_lines = [line for line in out.splitlines() if line.lower().startswith("lawful")]
    assert lawful_lines == [f"Lawful placements in {year}: {summary}."]


def test_clock_says_what_it_cannot_know() -> None:
    code, out, _ = run("clock", "--history", "2017:2 2018:? 2019:2WL 2020:2WL", "--year", "2021",
                       "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["watch_list_years"] is None
    assert "2 or 3 consecutive watch-list years: 2018 unknown" in answer["reason"]
    text = run("clock", "--history", "2017:2 2018:? 2019:2WL 2020:2WL", "--year", "2021")[1]
    assert "2 or 3 consecutive watch-list years: 2018 unknown" in text
    answer = json.loads(run("clock", "--history", "2016:2 2017:? 2018:2WL", "--year", "2019",
                            "--json")[1])
    assert answer["tier3_forced_in"] is None
    assert "the year Tier 3 is forced depends on 2017 unknown" in answer["reason"]


def test_clock_option_changes_the_answer() -> None:
    history = "2016:2WL 2017:2WL 2018:2WL+waiver"
    default = json.loads(run("clock", "--history", history, "--year", "2019", "--json")[1])
    fresh = json.loads(run("clock", "--history", history, "--year", "2019", "--json",
                           "--option", "cap-transition=fresh_cap_from_2019")[1])
    assert "Tier 2 Watch List" not in default["lawful_placements"]
    assert "Tier 2 Watch List" in fresh["lawful_placements"]
    assert fresh["options"]["waiver_cap_transition"] == "fresh_cap_from_2019"


def test_state_policy_flag() -> None:
    answer = json.loads(run("clock", "--history", "2020:2", "--year", "2021", "--state-policy",
                            "--json")[1])
    assert answer["lawful_placements"] == ["Tier 3"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--history", "2019:2WL 2020:7", "--year", "2021"], "'2020:7'"),
        (["--history", "2019:2WL,2020", "--year", "2021"], "'2020'"),
        (["--history", "2019:2WL", "--year", "2000"], "report year 2000"),
        (["--history", "2019:2WL", "--year", "2028"], "report year 2028"),
        (["--history", "1990:2", "--year", "2020"], "'1990:2'"),
        (["--history", "2018:2 2019:2WL+waiver", "--year", "2020"], "'2019:2WL+waiver'"),
        (["--history", "2017:2WL 2018:2WL 2019:2WL+waiver 2020:2WL+waiver", "--year", "2021"],
         "'2020:2WL+waiver'"),
        (["--history", "2019:2 2019:3", "--year", "2020"], "2019 is given twice"),
        (["--history", "2019:2", "--year", "2020", "--option", "cap-transition=maybe"],
         "'cap-transition=maybe'"),
        (["--history", "2019:2", "--year", "2020", "--option", "colour=blue"], "'colour=blue'"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], named: str) -> None:
    code, out, err = run("clock", *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert named in lines[0]
    assert "Traceback" not in err


def test_law_command_lists_the_rules_of_the_year() -> None:
    code, out, _ = run("law", "--year", "2019", "--json")
    assert code == 0
    answer = json.loads(out)
    ids = {p["id"]: p for p in answer["provisions"]}
    assert ids["downgrade_waiver"]["value"] == 1
    assert "P.L. 115-427" in ids["downgrade_waiver"]["citation"]
    assert "post_downgrade_limit" in ids and "policy_or_pattern" in ids
    assert answer["calendar"]["due"] == "2019-06-01"
    old = {p["id"] for p in json.loads(run("law", "--year", "2003", "--json")[1])["provisions"]}
    assert "special_watch_list" not in old and "automatic_downgrade" not in old
    text = run("law", "--year", "2022")[1]
    assert "Report due 2022-06-30" in text


def test_law_command_refuses_a_year_without_report() -> None:
    code, _, err = run("law", "--year", "1999")
    assert code == 2 and err.startswith("error: report year 1999")


def test_real_process_exit_status_and_stderr() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from tierwatch.cli import main; main()", "clock", "--history",
         "2019:2WX", "--year", "2021"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "error: history token '2019:2WX': unknown tier code '2WX'; expected YEAR:CODE[+waiver] "
        "with CODE one of 1, 2, 2WL, 3, special, unranked, ?, or the codes still possible "
        "joined by | (e.g. 1|2|special)"
    ]
