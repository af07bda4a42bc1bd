// The site's own Pyodide files (bench/run.py puts this folder at the site's root, beside
// assets/): no calc, no rules, no memory snapshot.
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
pyodide.runPython("1 + 1");
postMessage("ready");
