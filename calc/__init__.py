"""CEC Guide calculator: ACSM continuing-education credits, tallied from dated, cited rules.

Standard library only, so that the same code runs under CPython and in the browser (Pyodide).
The YAML rule-file loader (``calc.rulefiles``) is the one exception: it needs PyYAML and
jsonschema, runs only at build time and in the maintainers' command, and is not shipped to the page.
"""

__version__ = "0.1.0"
