"""Start-up refuses demo accounts outside demo mode and a missing production secret."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlmodel import Session

from kwportal.domain.roles import Role
from kwportal.services.startup import (
    DemoDataInProductionError,
    refuse_demo_accounts_outside_demo,
)
from tests import factories
from tests.e2e.harness import ROOT


def test_demo_accounts_refused_outside_demo_mode(engine) -> None:
    with Session(engine) as session, session.begin():
        factories.account(session, Role.ADMIN, is_demo=True)
        refuse_demo_accounts_outside_demo(session, demo=True)
        with pytest.raises(DemoDataInProductionError, match="KWPORTAL_DEMO"):
            refuse_demo_accounts_outside_demo(session, demo=False)


def test_app_module_refuses_to_start_without_secret(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KWPORTAL_")}
    env["KWPORTAL_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import kwportal.kwportal"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "KWPORTAL_SECRET_KEY" in result.stderr
