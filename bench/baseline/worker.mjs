// The stock pinned Pyodide from the npm package (bench/run.py copies it beside this file):
// no precompiled standard library, nothing of the calculator's.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
pyodide.runPython("1 + 1");
postMessage("ready");
