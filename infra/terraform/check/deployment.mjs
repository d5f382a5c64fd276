// The deployment checks: what each function's unit starts with and how it is reached and fed.
//  - settings: each function's environment (the module's `local.environment`, plus on Knative the
//    keys of its Secret), evaluated with the environment's terraform.tfvars.example, meets every
//    requirement infra/required-settings.json (exported from dev.drey.miner.RequiredSettings) lists
//    for it; no test-only setting is set; a function without requirements there is refused;
//  - aws: the Lambda's code comes from S3 (no local `filename`), it is published with SnapStart on
//    published versions, and every MSK mapping invokes an alias and has an on-failure destination;
//  - knative: the Service is cluster-local; a NetworkPolicy selecting it, an Istio PeerAuthentication
//    (STRICT mutual TLS) and an AuthorizationPolicy selecting it exist; every KafkaSource delivers in
//    order and sets retry, back-off policy and delay, and a dead-letter sink.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { UNKNOWN, evaluate, expand } from "./hcl.mjs";

/** The values of a .tfvars file (HCL attributes) as expressions the evaluator reads. */
export async function readTfvars(path) {
  const json = await parse(path, readFileSync(path, "utf8"));
  return new Map(Object.entries(json));
}

const manifestOf = (i) => (i.type === "kubernetes_manifest" ? i.body.manifest ?? {} : {});
const isSet = (v) => v === UNKNOWN || (v !== undefined && v !== null && String(v).trim() !== "");
const firstBlock = (v) => (Array.isArray(v) ? v[0] : v) ?? {};

/** The environment a unit starts with: names → values (UNKNOWN: computed by Terraform, so set). */
function environmentOf(envName, unit) {
  const env = evaluate("${local.environment}", unit.scope);
  if (env === UNKNOWN || env === null || typeof env !== "object") return null;
  const out = { ...env };
  if (envName === "knative") {
    const secret = evaluate("${var.secret_environment}", unit.scope);
    if (secret !== null && typeof secret === "object") for (const k of Object.keys(secret)) out[k] = secret[k] ?? UNKNOWN;
    else if (secret === UNKNOWN) return null;
  }
  return out;
}

export function settingsProblems(fn, env, required) {
  const problems = [];
  const requirements = required.functions?.[fn];
  if (!requirements) return [`function "${fn}" has no entry in infra/required-settings.json (add it to dev.drey.miner.RequiredSettings)`];
  for (const r of requirements) {
    const [[condName, condValue] = []] = Object.entries(r.onlyIf ?? {});
    if (condName && String(env[condName] ?? "").trim().toLowerCase() !== condValue) continue;
    if (!r.anyOf.some((n) => isSet(env[n]))) {
      problems.push(`function "${fn}" starts without ${r.anyOf.join(" or ")}${condName ? ` (${condName}=${condValue})` : ""}`);
    }
  }
  for (const t of required.testOnly ?? []) {
    if (isSet(env[t]) && String(env[t]).trim().toLowerCase() !== "false") problems.push(`function "${fn}" sets the test-only ${t}`);
  }
  return problems;
}

function awsProblems(unit, mappings, instances) {
  const problems = [];
  const b = unit.body;
  if ("filename" in b || !("s3_bucket" in b) || !("s3_key" in b)) problems.push(`${unit.address}: its code must come from S3 (s3_bucket, s3_key), not filename`);
  if (evaluate(b.publish, unit.scope) !== true) problems.push(`${unit.address}: publish must be true (SnapStart applies to published versions)`);
  if (evaluate(firstBlock(b.snap_start).apply_on, unit.scope) !== "PublishedVersions") problems.push(`${unit.address}: snap_start { apply_on = "PublishedVersions" } is missing`);
  const objects = instances.filter((i) => i.type === "aws_s3_object");
  if (objects.length === 0) problems.push(`${unit.address}: no aws_s3_object uploads the artifact`);
  for (const m of mappings) {
    if (!/aws_lambda_alias\./.test(String(m.body.function_name))) problems.push(`${m.address}: function_name must be an alias (published version), not $LATEST`);
    const onFailure = firstBlock(firstBlock(m.body.destination_config).on_failure);
    if (!isSet(evaluate(onFailure.destination_arn, m.scope))) problems.push(`${m.address}: destination_config { on_failure { destination_arn } } is missing`);
  }
  return problems;
}

function selects(i, service) {
  const labels = JSON.stringify(evaluate(i.body.spec ?? manifestOf(i).spec ?? {}, i.scope));
  return labels.includes(`"serving.knative.dev/service":"${service}"`);
}

function knativeProblems(unit, sources, owned) {
  const problems = [];
  const m = manifestOf(unit);
  const name = evaluate(m.metadata?.name, unit.scope);
  const labels = evaluate(m.metadata?.labels, unit.scope);
  if (labels === UNKNOWN || labels?.["networking.knative.dev/visibility"] !== "cluster-local") {
    problems.push(`${unit.address}: the Service is not labelled networking.knative.dev/visibility: cluster-local`);
  }
  if (!owned.some((i) => i.type === "kubernetes_network_policy_v1" && selects(i, name))) {
    problems.push(`${unit.address}: no NetworkPolicy selects serving.knative.dev/service=${String(name)}`);
  }
  const mesh = (kind, ok) => owned.some((i) => manifestOf(i).kind === kind && ok(evaluate(manifestOf(i), i.scope)) && selects(i, name));
  if (!mesh("PeerAuthentication", (x) => x.spec?.mtls?.mode === "STRICT")) problems.push(`${unit.address}: no PeerAuthentication with mtls.mode STRICT selects it (caller authentication)`);
  if (!mesh("AuthorizationPolicy", (x) => Array.isArray(x.spec?.rules) && x.spec.rules.length > 0)) problems.push(`${unit.address}: no AuthorizationPolicy with rules selects it (caller authentication)`);
  for (const s of sources) {
    const ks = evaluate(manifestOf(s), s.scope);
    if (ks.metadata?.annotations?.["kafka.eventing.knative.dev/delivery.order"] !== "ordered") problems.push(`${s.address}: annotation kafka.eventing.knative.dev/delivery.order must be "ordered"`);
    const d = ks.spec?.delivery ?? {};
    if (!(d.retry === UNKNOWN || Number(d.retry) > 0)) problems.push(`${s.address}: spec.delivery.retry must be a positive number`);
    if (!["exponential", "linear"].includes(d.backoffPolicy)) problems.push(`${s.address}: spec.delivery.backoffPolicy must be exponential or linear`);
    if (!isSet(d.backoffDelay)) problems.push(`${s.address}: spec.delivery.backoffDelay is missing`);
    const dls = d.deadLetterSink?.ref ?? {};
    if (!isSet(dls.name) || !isSet(dls.kind)) problems.push(`${s.address}: spec.delivery.deadLetterSink.ref is missing (failed deliveries would be dropped)`);
  }
  return problems;
}

/** Problems and report lines of one environment (aws or knative) against the required settings. */
export async function checkDeployment(envName, envDir, manifest, required, loader) {
  const problems = [];
  const lines = [];
  const tfvarsPath = join(envDir, "terraform.tfvars.example");
  if (!existsSync(tfvarsPath)) return { problems: [`${envName}: no terraform.tfvars.example to start the functions' configuration from`], lines };
  const inputs = await readTfvars(tfvarsPath);
  const config = await loader(envDir);
  const instances = await expand(config, loader, inputs);
  for (const fn of Object.keys(manifest.functions ?? {})) {
    const owned = instances.filter((i) => i.owners.includes(fn));
    const unit = owned.find((i) => (envName === "aws" ? i.type === "aws_lambda_function" : manifestOf(i).kind === "Service"));
    if (!unit) continue; // reported by the wiring check
    const env = environmentOf(envName, unit);
    if (env === null) {
      problems.push(`${envName}: ${unit.address}: its module's local.environment cannot be evaluated statically (keep it a merge of maps and variables)`);
      continue;
    }
    const p = settingsProblems(fn, env, required);
    const perTopic = owned.filter((i) => (envName === "aws" ? i.type === "aws_lambda_event_source_mapping" : manifestOf(i).kind === "KafkaSource"));
    p.push(...(envName === "aws" ? awsProblems(unit, perTopic, instances) : knativeProblems(unit, perTopic, owned)));
    problems.push(...p.map((x) => `${envName}: ${x}`));
    if (p.length === 0) lines.push(`${envName.padEnd(8)} ${fn}: starts with every required setting (${Object.keys(env).length} variables); ${envName === "aws" ? "S3 code, SnapStart, alias, on-failure destinations" : "cluster-local, NetworkPolicy, mTLS policies, ordered KafkaSources with retry/back-off/dead-letter sink"}`);
  }
  return { problems, lines };
}
