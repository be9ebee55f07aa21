"""The default rules' cache made at install time (setup.py's build step):
used wherever the package is installed, never once a rule or module changed."""
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

SAMPLE = ROOT / "samples" / "eu-kenya-agreement.txt"


def run(where, code, cache):
    env = dict(os.environ, PYTHONPATH=str(where), RELFACTS_CACHE=str(cache))
    proc = subprocess.run([sys.executable, "-c", code], cwd=where, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.heavy
def test_the_shipped_cache_holds_where_it_is_installed_and_only_for_its_files(tmp_path):
    built = tmp_path / "build" / "relfacts"  # laid out as a wheel installs it
    shutil.copytree(ROOT / "relfacts", built, ignore=shutil.ignore_patterns("__pycache__", "prebuilt"))
    shutil.copytree(ROOT / "rules", built / "default_rules")
    shipped = run(built.parent, "from relfacts.engine.ruleset import ship_defaults; print(ship_defaults())",
                  "off").strip()
    installed = tmp_path / "site-packages"
    built.parent.rename(installed)  # installed elsewhere than it was built
    user = tmp_path / "user-cache"
    found = run(installed, "import json, relfacts\n"
                           f"facts = relfacts.extract(open({str(SAMPLE)!r}).read())\n"
                           "rs = relfacts.ruleset()\n"
                           "print(json.dumps([len(facts), rs.rules[0].file, rs.files[0]]))", user)
    count, rule_file, first = json.loads(found)
    assert count > 0
    assert not list(user.glob("rules-*.pickle"))  # the shipped cache was read: nothing built
    assert rule_file.startswith(str(installed)) and first.startswith(str(installed))  # its paths are the new place's
    key = "from relfacts.engine import ruleset as r; print(r._cache_key(r.rule_files([r.default_rules_dir()])))"
    assert run(installed, key, user).strip() == shipped.split("rules-")[-1][:-len(".pickle")]
    rule = installed / "relfacts" / "default_rules" / "trade.yaml"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run(installed, key, user).strip() not in shipped  # an edited rule: another key, the shipped cache unused
