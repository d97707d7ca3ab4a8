"""Which browser test file runs where: longest first, on whichever worker is free.

``--dist loadfile`` keeps a file on one worker (its module fixtures: a portal, a fresh
world, the fuzzing's restored database), but xdist hands the files out by their number of
tests, so the 2,000 quick guard checks went first and the long journeys and fault tests
last, one worker busy minutes after the other had stopped. Here the files go out longest
first (LPT: a greedy schedule within 4/3 of the best), by the seconds measured per file
below; a file not in the table counts as long (``UNKNOWN_S``), so a new file starts early
rather than ending the run alone. A worker gets its next file only when it has one test
left (a worker keeps its last test until it knows the next, so it never waits idle),
not two: no file is promised to a worker that is still busy while the other stands free.

Refresh the table after a run with ``--junitxml``::

    .venv/bin/python -m tests.e2e.schedule e2e.xml
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling
from xdist.workermanage import WorkerController

#: seconds per file on two workers: the sum of its tests' setup, call and teardown in a
#: full run (``--junitxml``), the worker's own portal start left out where it fell (it
#: falls to whichever file comes first). Measured 2026-12-06, 2 cores shared with other
#: work (load 2-8): the shares matter, not the seconds.
SECONDS: dict[str, float] = {
    "test_guard.py": 199,
    "test_fuzz.py": 170,
    # with its 50 MB upload (the measured run sent 20 MB)
    "test_employer_e2e.py": 150,
    "test_duties_journey_e2e.py": 71,
    "test_case_journey_e2e.py": 62,
    "test_tab_state_e2e.py": 50,
    "test_faults_e2e.py": 35,
    "test_login_e2e.py": 34,
    "test_privacy_desk_e2e.py": 33,
    "test_security_headers_e2e.py": 32,
    "test_visitor_site_e2e.py": 30,
    "test_phone_journeys_e2e.py": 24,
    "test_release_e2e.py": 15,
    "test_draft_sharing_e2e.py": 14,
    "test_consent_e2e.py": 11,
    "test_retention_e2e.py": 11,
    "test_admin_e2e.py": 11,
    "test_landing.py": 10,
    "test_invitation_e2e.py": 10,
    # its first run installs the OpenID provider (npm ci) as well
    "test_sso_e2e.py": 25,
    "test_cookie_banner_e2e.py": 10,
    "test_messages_e2e.py": 9,
    "test_rights_e2e.py": 8,
    "test_questionnaire_e2e.py": 8,
    "test_access_log_e2e.py": 7,
    "test_case_files_e2e.py": 6,
    "test_employee_pages_e2e.py": 6,
    "test_notices_stepup_e2e.py": 4,
    # session 10: sign-in, one page of 50 notes, the older 10 (measured alone)
    "test_care_notes_paging_e2e.py": 8,
    "test_export_e2e.py": 4,
    "test_employee_dashboard_e2e.py": 2,
    "test_mail_worker_e2e.py": 2,
    "test_websocket_origin.py": 1,
}
#: a file the table does not know yet: as long as a long file, so it is started early
UNKNOWN_S = 120.0


def seconds(scope: str) -> float:
    return SECONDS.get(scope.split("::", 1)[0].removeprefix("tests/e2e/"), UNKNOWN_S)


class LongestFirst(LoadFileScheduling):  # type: ignore[misc]
    """``--dist loadfile`` with the files ordered longest first and handed out late."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        self.log = Producer("longestfirst") if log is None else log.longestfirst
        #: the files in the order they go out, until the first goes out
        self._ordered: list[tuple[str, dict[str, bool]]] | None = None

    def schedule(self) -> None:
        if self.collection is None and self._check_nodes_have_same_collection():
            # the first call: the workqueue is built by the parent in collection order;
            # build it, then order it longest first before any work goes out
            collection = list(next(iter(self.registered_collections.values())))
            units: dict[str, dict[str, bool]] = {}
            for nodeid in collection:
                units.setdefault(self._split_scope(nodeid), {})[nodeid] = False
            order = sorted(units, key=lambda scope: (-seconds(scope), scope))
            self.log("longest first:", [(s, seconds(s)) for s in order])
            self._ordered = [(scope, units[scope]) for scope in order]
        super().schedule()

    def _assign_work_unit(self, node: WorkerController) -> None:
        if self._ordered is not None:
            # the parent filled the workqueue in collection order: reorder it once
            self.workqueue.clear()
            self.workqueue.update(self._ordered)
            self._ordered = None
        super()._assign_work_unit(node)

    def _reschedule(self, node: WorkerController) -> None:
        if node.shutting_down:
            return
        if not self.workqueue:
            node.shutdown()
            return
        # one test left: the worker holds it until it knows what comes next
        if self._pending_of(self.assigned_work[node]) > 1:
            return
        self._assign_work_unit(node)


def table(junit_xml: str) -> dict[str, float]:
    """Seconds per e2e file from a junit report (``--junitxml``)."""
    found: dict[str, float] = defaultdict(float)
    for case in ET.parse(junit_xml).getroot().iter("testcase"):
        path = case.get("classname", "").replace(".", "/")
        parts = path.split("/")
        name = next((p for p in parts if p.startswith("test_")), "")
        if path.startswith("tests/e2e/") and name:
            found[f"{name}.py"] += float(case.get("time", "0"))
    return dict(sorted(found.items(), key=lambda item: -item[1]))


if __name__ == "__main__":
    for file, spent in table(sys.argv[1]).items():
        print(f'    "{file}": {spent:.0f},')
