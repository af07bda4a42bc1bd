"""Rule files (YAML) to the JSON bundle, with every problem reported at its file, line and column.

Build-time only: needs PyYAML and jsonschema (the ``rules`` extra), never shipped to the browser.
"""

from calc.rulefiles.load import bundle_json, load_dir
from calc.rulefiles.problems import Problem, RulesError

__all__ = ["Problem", "RulesError", "bundle_json", "load_dir"]
