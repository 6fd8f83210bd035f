// Writes ../schemas/kubernetes-1.27.1/definitions.json: the Kubernetes 1.27.1 API definitions (the upstream OpenAPI,
// as the npm packages kubernetes-models 4.3.1 and @kubernetes-models/apimachinery 1.2.1 carry them, the last
// versions that ship them as JSON) for the kinds below and everything they reference. validate.mjs uses them for
// its unknown-field check of built-in kinds. To regenerate:
//   cd /tmp && npm pack kubernetes-models@4.3.1 @kubernetes-models/apimachinery@1.2.1
//   mkdir km am && tar xzf kubernetes-models-4.3.1.tgz -C km && tar xzf kubernetes-models-apimachinery-1.2.1.tgz -C am
//   node vendor-field-schemas.mjs /tmp/km/package /tmp/am/package
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const KINDS = [
  "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.StatefulSet", "io.k8s.api.apps.v1.DaemonSet",
  "io.k8s.api.batch.v1.Job", "io.k8s.api.batch.v1.CronJob",
  "io.k8s.api.core.v1.Service", "io.k8s.api.core.v1.ServiceAccount", "io.k8s.api.core.v1.ConfigMap",
  "io.k8s.api.core.v1.Secret", "io.k8s.api.core.v1.Namespace", "io.k8s.api.core.v1.PersistentVolumeClaim",
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", "io.k8s.api.policy.v1.PodDisruptionBudget",
  "io.k8s.api.networking.v1.NetworkPolicy", "io.k8s.api.networking.v1.Ingress",
  "io.k8s.api.rbac.v1.Role", "io.k8s.api.rbac.v1.RoleBinding",
];

const all = {};
for (const root of process.argv.slice(2)) {
  const dir = join(root, "_schemas");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const source = readFileSync(join(dir, file), "utf8");
    const literal = source.match(/^const schema = (\{[\s\S]*?\n\});$/m);
    const id = source.match(/register\)\("([^"]+)", schema\)/);
    if (literal && id) all[id[1]] = JSON.parse(literal[1]);
  }
}
const wanted = {};
const queue = [...KINDS];
while (queue.length) {
  const id = queue.pop();
  if (wanted[id]) continue;
  if (!all[id]) throw new Error(`no definition ${id}`);
  wanted[id] = all[id];
  for (const ref of JSON.stringify(all[id]).matchAll(/"\$ref":"([^"#]+)#"/g)) queue.push(ref[1]);
}
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas", "kubernetes-1.27.1");
mkdirSync(out, { recursive: true });
const sorted = Object.fromEntries(Object.keys(wanted).sort().map((k) => [k, wanted[k]]));
writeFileSync(join(out, "definitions.json"), JSON.stringify({ kubernetes: "1.27.1", kinds: KINDS, definitions: sorted }, null, 1) + "\n");
console.log(`${Object.keys(sorted).length} definitions of ${Object.keys(all).length} written to ${out}`);
