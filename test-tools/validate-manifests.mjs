// Validates Kubernetes objects against the JSON schemas of published model packages:
// kubernetes-models (core API), @kubernetes-models/keda, @kubernetes-models/karpenter.
// Input on stdin: a JSON array of objects. Output: one line per object,
//   "valid <package>@<version> <apiVersion> <kind> <name>"  or
//   "invalid <package>@<version> <apiVersion> <kind> <name>: <why>"  or
//   "unchecked <apiVersion> <kind> <name>: no published model"
// Exit 0 when nothing is invalid, 1 otherwise, 2 on bad input.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const packages = [
  { name: "@kubernetes-models/keda", groups: ["keda.sh"] },
  { name: "@kubernetes-models/karpenter", groups: ["karpenter.sh", "karpenter.k8s.aws"] },
  { name: "kubernetes-models", groups: null },
];

function versionOf(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  for (const pkg of packages) {
    const owns = pkg.groups ? pkg.groups.includes(group) : !group.includes(".") || group.endsWith(".k8s.io");
    if (!owns) continue;
    const path = `${pkg.name}/${group ? group + "/" : ""}${version}/${kind}`;
    try {
      const module = await import(path);
      return { pkg, model: module[kind] };
    } catch {
      return null;
    }
  }
  return null;
}

let objects;
try {
  objects = JSON.parse(readFileSync(0, "utf8"));
  if (!Array.isArray(objects)) throw new Error("not an array");
} catch (e) {
  console.error(`validate-manifests: stdin must be a JSON array of objects: ${e.message}`);
  process.exit(2);
}

let invalid = 0;
for (const object of objects) {
  const head = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
  const found = await modelFor(object.apiVersion, object.kind);
  if (!found) {
    console.log(`unchecked ${head}: no published model`);
    continue;
  }
  const label = `${found.pkg.name}@${versionOf(found.pkg.name)}`;
  try {
    new found.model(object).validate();
    console.log(`valid ${label} ${head}`);
  } catch (e) {
    invalid++;
    console.log(`invalid ${label} ${head}: ${e.message}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
