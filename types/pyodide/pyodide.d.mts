// The worker imports Pyodide from the built site (assets/pyodide/pyodide.mjs, copied there from
// npm at build time); for the type check that path is this file, and its types are npm's.
export * from "pyodide";
