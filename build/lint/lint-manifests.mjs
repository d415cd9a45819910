// Checks every Kubernetes manifest under deploy/k8s against the Kubernetes API's own schemas (kubernetes-models
// from npm, generated from the API's OpenAPI definitions), offline and without kubectl or a cluster: a field of the
// wrong type, a missing required field or a kind the API does not have is a finding, printed as "file: kind/name: message".
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import * as yaml from "js-yaml";

const folder = process.argv[2] ?? "deploy/k8s";
const files = (await readdir(folder)).filter((name) => name.endsWith(".yml") || name.endsWith(".yaml")).sort();
if (files.length === 0) {
  console.error(`No manifests in ${folder}.`);
  process.exit(1);
}

// The model of a kind: core kinds (apiVersion v1) at kubernetes-models/v1/<Kind>, the others at <group>/<version>/<Kind>.
async function model(apiVersion, kind) {
  const module = `kubernetes-models/${apiVersion}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

let documents = 0;
let findings = 0;
for (const name of files) {
  const path = join(folder, name);
  for (const document of yaml.loadAll(await readFile(path, "utf8")).filter((d) => d !== null)) {
    documents++;
    const what = `${document.kind}/${document.metadata?.name ?? "(no name)"}`;
    const Model = await model(document.apiVersion, document.kind);
    if (Model === undefined) {
      findings++;
      console.error(`${path}: ${what}: apiVersion ${document.apiVersion} has no kind ${document.kind}`);
      continue;
    }
    try {
      new Model(document).validate();
    } catch (error) {
      findings++;
      console.error(`${path}: ${what}: ${error.message}`);
    }
  }
}
console.log(`kubernetes-models: ${documents} manifest(s) in ${files.length} file(s), ${findings} finding(s).`);
process.exit(findings === 0 ? 0 : 1);
