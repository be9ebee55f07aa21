"""The default rules' cache made at install time (setup.py's build step):
used wherever the package is installed, never once a rule or module changed;
an extraction from it compiles none of its patterns."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import relfacts
from conftest import ROOT

SAMPLES = [str(p) for p in sorted((ROOT / "samples").glob("*.txt"))]


def run(where, code, cache):
    env = dict(os.environ, PYTHONPATH=str(where), RELFACTS_CACHE=str(cache))
    proc = subprocess.run([sys.executable, "-c", code], cwd=where, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.heavy
def test_the_shipped_cache_holds_where_it_is_installed_and_only_for_its_files(tmp_path, rules):
    built = tmp_path / "build" / "relfacts"  # laid out as a wheel installs it
    shutil.copytree(ROOT / "relfacts", built, ignore=shutil.ignore_patterns("__pycache__", "prebuilt"))
    shutil.copytree(ROOT / "rules", built / "default_rules")
    key = "from relfacts.engine import ruleset as r; print(r._cache_key(r.rule_files([r.default_rules_dir()])))"
    made = Path(relfacts.__file__).parent / "prebuilt" / f"rules-{run(built.parent, key, 'off').strip()}.pickle"
    if made.is_file():  # this installation's own (CI's), built from the same rules, data and code: the key says so
        (built / "prebuilt").mkdir()
        shipped = shutil.copy(made, built / "prebuilt" / made.name)
    else:  # (a checkout whose rules or code changed since it was installed) the build step's own work
        shipped = run(built.parent, "from relfacts.engine.ruleset import ship_defaults; print(ship_defaults())",
                      "off").strip()
    installed = tmp_path / "site-packages"
    built.parent.rename(installed)  # installed elsewhere than it was built
    user = tmp_path / "user-cache"
    found = run(installed, "import io, json, regex, relfacts\n"
                           "from relfacts.engine import cache, lazy\n"
                           "rs = relfacts.ruleset()\n"
                           "noted = cache._CachePickler(io.BytesIO(), set())\n"
                           "noted.dump(rs)\n"
                           "own = {p.pattern for p in noted.patterns + lazy.module_patterns()}\n"
                           "own |= {rs.pieces.expand('{%s}' % n) for n in rs.pieces.names()}\n"
                           "compiled, real = [], regex.compile\n"
                           "regex.compile = lambda p, *a, **k: compiled.append(p) or real(p, *a, **k)\n"
                           f"facts = [[f.to_dict() for f in relfacts.extract(open(s).read())] for s in {SAMPLES!r}]\n"
                           "print(json.dumps([facts, [p[:80] for p in compiled if p in own], len(own),"
                           " rs.rules[0].file, rs.files[0]]))", user)
    facts, compiled_own, own, rule_file, first = json.loads(found)
    assert all(facts) and own > 100
    assert compiled_own == []  # each pattern the run uses was shipped, compiled or for PCRE2
    assert facts == json.loads(json.dumps([[f.to_dict() for f in relfacts.extract(open(s).read(), rules=rules)]
                                           for s in SAMPLES]))  # the facts of the checkout's own rule set
    assert not list(user.glob("rules-*.pickle"))  # the shipped cache was read: nothing built
    assert rule_file.startswith(str(installed)) and first.startswith(str(installed))  # its paths are the new place's
    assert run(installed, key, user).strip() == str(shipped).split("rules-")[-1][:-len(".pickle")]
    rule = installed / "relfacts" / "default_rules" / "trade.yaml"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run(installed, key, user).strip() not in str(shipped)  # an edited rule: another key, the shipped cache unused
