// Validates rendered Kubernetes manifests (multi-document YAML files named on the command line) against:
//  - Kubernetes 1.36.0's API schemas (kubernetes-models 5.1.0, generated from the upstream OpenAPI document),
//  - CloudNativePG 1.29.0's CRDs (@kubernetes-models/cloudnative-pg 1.0.0, generated from cnpg-1.29.0.yaml),
//  - Strimzi 0.51.0's CRDs, vendored in ../schemas/strimzi-0.51.0 (io.strimzi:api:0.51.0:tests on Maven Central),
//  - the Keycloak operator's resources, ../schemas/keycloak-operator-26.7.3 (written here, not vendored: see deploy/README.md),
//  - and, for built-in kinds, unknown fields against Kubernetes 1.27.1's definitions in ../schemas/kubernetes-1.27.1
//    (vendor-field-schemas.mjs): the 1.36 validators check types, required fields and enums but not unknown fields.
// CRD schemas are made strict the way the API server's field validation is: an object schema that lists its
// properties and does not preserve unknown fields refuses any other field (a typo fails instead of vanishing).
// Prints one JSON line per object ({file, apiVersion, kind, name, errors}) and exits 1 when any object fails or
// has no schema. Run by ManifestsTest; by hand: node validate.mjs ../target/rendered/prod.yaml
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const schemas = join(here, "..", "schemas");

// The npm packages (package.json) whose generated models validate the kinds of these API groups.
const OPERATOR_PACKAGES = {
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "gateway.networking.k8s.io": "@kubernetes-models/gateway-api",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "keda.sh": "@kubernetes-models/keda",
};

// --- built-in kinds: kubernetes-models classes, one module per group/version/kind ------------------------------
async function builtInValidator(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const operatorPackage = OPERATOR_PACKAGES[group];
  const modules = operatorPackage
    ? [`${operatorPackage}/${group}/${version}/${kind}`]
    : [`kubernetes-models/${group === "" ? "" : group + "/"}${version}/${kind}`];
  for (const name of modules) {
    let module;
    try {
      module = await import(name);
    } catch {
      continue;
    }
    const Model = module[kind];
    if (!Model) continue;
    return (object) => {
      try {
        new Model(object).validate();
        return [];
      } catch (e) {
        return (e.errors ?? [{ instancePath: "", message: String(e.message ?? e) }]).map(describe);
      }
    };
  }
  return null;
}

// --- built-in kinds: unknown fields, from the vendored Kubernetes 1.27.1 definitions -------------------------------
function fieldValidator() {
  const { definitions } = JSON.parse(readFileSync(join(schemas, "kubernetes-1.27.1", "definitions.json"), "utf8"));
  const fields = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const [id, schema] of Object.entries(definitions)) fields.addSchema(strict(schema), id);
  return (apiVersion, kind) => {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
    const id = `io.k8s.api.${group.split(".")[0]}.${version}.${kind}`;
    if (!definitions[id]) return null;
    const compiled = fields.getSchema(id);
    return (object) => (compiled(object) ? [] : compiled.errors)
      .filter((e) => e.keyword === "additionalProperties")
      .map(describe);
  };
}

// --- CRDs: openAPIV3Schema compiled with Ajv --------------------------------------------------------------------
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const { validate: validateObjectMeta } = await import(
  "@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta"
);

function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "properties"
      ? Object.fromEntries(Object.entries(value).map(([name, s]) => [name, strict(s)]))
      : strict(value);
  }
  if (out["x-kubernetes-int-or-string"] && !out.type && !out.anyOf) {
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}

function crdValidators() {
  const byKey = new Map();
  const files = [];
  for (const dir of readdirSync(schemas, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(schemas, dir.name))) {
      if (/\.ya?ml$/.test(file)) files.push(join(schemas, dir.name, file));
    }
  }
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      const crd = doc.toJS();
      if (crd?.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions) {
        if (!version.served) continue;
        const schema = strict(version.schema.openAPIV3Schema);
        // metadata is checked against the API server's ObjectMeta below
        if (schema.properties) schema.properties.metadata = { type: "object" };
        const compiled = ajv.compile(schema);
        byKey.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, (object) => {
          const errors = compiled(object) ? [] : compiled.errors.map(describe);
          if (!validateObjectMeta(object.metadata ?? {})) {
            errors.push(...validateObjectMeta.errors.map((e) => describe({ ...e, instancePath: "/metadata" + e.instancePath })));
          }
          return errors;
        });
      }
    }
  }
  return byKey;
}

function describe(error) {
  const at = error.instancePath || "/";
  const extra = error.params?.additionalProperty
    ? ` "${error.params.additionalProperty}"`
    : error.params?.allowedValues
      ? ` ${JSON.stringify(error.params.allowedValues)}`
      : "";
  return `${at}: ${error.message}${extra}`;
}

// --- main ---------------------------------------------------------------------------------------------------------
const crds = crdValidators();
const unknownFields = fieldValidator();
const cache = new Map();
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = doc.toJS();
    if (!object) continue;
    const { apiVersion = "", kind = "" } = object;
    const key = `${apiVersion}/${kind}`;
    if (!cache.has(key)) {
      let validator = crds.get(key);
      if (!validator) {
        const typed = await builtInValidator(apiVersion, kind);
        const named = unknownFields(apiVersion, kind);
        validator = typed && named ? (o) => [...new Set([...typed(o), ...named(o)])] : typed;
      }
      cache.set(key, validator);
    }
    const validator = cache.get(key);
    const errors = validator ? validator(object) : [`no schema for ${apiVersion} ${kind}`];
    if (errors.length) failed++;
    console.log(JSON.stringify({ file, apiVersion, kind, name: object.metadata?.name ?? null, errors }));
  }
}
process.exit(failed ? 1 : 0);
