"""A refusal's reason, input and setting, worded by each interface as its own controls."""

from __future__ import annotations

import pickle

from tierwatch.api.problems import WORDING as API
from tierwatch.cli.app import WORDING as CLI
from tierwatch.errors import InvalidInputError, Setting, TierwatchError
from tierwatch.web.pages import WORDING as WEB

REFUSED = InvalidInputError("the decision contradicts the published record (Tier 2)",
                            setting=Setting("against_record", True,
                                            "to record it as a decision against the record"))
BAD_TIER = InvalidInputError("expected 1, 2, 2WL or 3", field="tier", value="special")


def test_each_interface_names_its_own_control() -> None:
    ending = {CLI: "give --against-record", API: 'send "against_record": true',
              WEB: 'tick "Against the published record"'}
    for wording, words in ending.items():
        assert REFUSED.worded(wording) == ("the decision contradicts the published record "
                                           "(Tier 2); to record it as a decision against the "
                                           f"record, {words}")
    assert str(REFUSED).endswith("set against_record=True")  # the Python API's keyword
    assert BAD_TIER.worded(CLI) == "--tier 'special': expected 1, 2, 2WL or 3"
    assert BAD_TIER.worded(API) == "tier 'special': expected 1, 2, 2WL or 3"
    assert BAD_TIER.worded(WEB) == "Tier 'special': expected 1, 2, 2WL or 3"
    assert (REFUSED.input_name, BAD_TIER.input_name) == ("against_record", "tier")


def test_a_plain_error_reads_as_before_and_survives_pickling() -> None:
    plain = TierwatchError("history token '2019:XX': unknown code")
    assert plain.worded(CLI) == plain.worded(API) == str(plain) == plain.reason
    assert plain.input_name is None
    again = pickle.loads(pickle.dumps(REFUSED))  # e.g. from a Dask worker
    assert again.worded(API) == REFUSED.worded(API) and again.setting == REFUSED.setting
