"""The build step that compiles the default rules into the package.

`pip install .` (and `pip install -e .`) runs it: it writes the default rules'
cache into relfacts/prebuilt (in the wheel, or in the checkout for an editable
install), so the first run after installing is as fast as the second.  The
cache's key covers the rules, the code and the regex and Python versions; a
run whose key differs (a rule or module edited since, another regex) builds
its own as before (relfacts/engine/cache.py).  Everything else is in
pyproject.toml."""
import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithRules(build_py):
    def run(self):
        super().run()
        # an editable install runs the checkout's code: the cache goes there
        root = HERE if self.editable_mode else Path(self.build_lib).resolve()
        path = os.pathsep.join([str(root)] + [p for p in [os.environ.get("PYTHONPATH")] if p])  # (pip's build env)
        subprocess.run([sys.executable, "-c", "from relfacts.engine.ruleset import ship_defaults; ship_defaults()"],
                       cwd=root, env=dict(os.environ, PYTHONPATH=path, RELFACTS_CACHE="off"), check=True)


setup(cmdclass={"build_py": BuildPyWithRules})
