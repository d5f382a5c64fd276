// CI check of the Terraform environments (the terraform binary is not available to the build).
// Parses every .tf file under infra/terraform with @cdktf/hcl2json and fails when
//  - a file does not parse, or a block is declared twice;
//  - a var.X used in a directory is not declared there; a local, module, resource or data source
//    referenced is not declared; each.* is used outside a for_each block;
//  - a local module source does not exist, a module is given an input it does not declare, is
//    not given one it requires, or an output of it that is referenced does not exist;
//  - a moved block's `from` is still declared or its `to` names no resource or module;
//  - infra/functions.json's topics differ from dev.drey.kafka.MessageFamily + the outbox, or an
//    environment's topic list differs from it;
//  - a function of infra/functions.json lacks, in aws/, a Lambda and one MSK event-source mapping
//    per consumed topic, or, in knative/, a Knative Service and one KafkaSource per consumed topic
//    sinking into it; or something is wired that the manifest does not have;
//  - relay-ingest lacks its long-running service with the manifest's readiness check;
//  - a function marked "tick": true in infra/functions.json lacks, in aws/, an EventBridge schedule
//    (aws_cloudwatch_event_rule with a schedule_expression, an aws_cloudwatch_event_target on that
//    rule invoking the function's Lambda, an aws_lambda_permission letting events.amazonaws.com invoke
//    it from that rule) or, in knative/, a PingSource (sources.knative.dev, a cron schedule) sinking
//    into the function's Knative Service; or a function not so marked is ticked.
// Usage: node check/check.mjs [terraform-dir]   (prints a report; exit 1 on any problem)

import { readFileSync, existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  UNKNOWN, MODULE_META_ARGUMENTS, cachingLoader, describeRoot, evaluate, expand, expressionsOf,
  isDirectoryWithTf, localModuleDir, referencesIn, rel, tfDirectories,
} from "./hcl.mjs";
import { checkDeployment } from "./deployment.mjs";
import { checkImages } from "./dockerfile.mjs";

// --- declarations and references -------------------------------------------------------------

/** Problems of one directory on its own: references, variables, module calls. */
export async function checkDirectory(config, loader) {
  const problems = [...config.problems];
  const stats = { references: 0, variablesUsed: new Set() };
  const blocks = [
    ...[...config.variables].map(([n, v]) => ({ where: `variable.${n}`, file: v.file, body: omit(v.body, "type") })),
    ...[...config.locals].map(([n, l]) => ({ where: `local.${n}`, file: l.file, body: l.value })),
    ...[...config.outputs].map(([n, o]) => ({ where: `output.${n}`, file: o.file, body: o.body })),
    ...[...config.modules].map(([n, m]) => ({ where: `module.${n}`, file: m.file, body: m.body })),
    ...[...config.resources].map(([a, r]) => ({ where: a, file: r.file, body: r.body })),
    ...[...config.data].map(([a, d]) => ({ where: `data.${a}`, file: d.file, body: d.body })),
    ...config.providers.map((p) => ({ where: `provider.${p.name}`, file: p.file, body: p.body })),
  ];
  for (const block of blocks) {
    const iterable = block.body !== null && typeof block.body === "object" && !Array.isArray(block.body)
      && ("for_each" in block.body);
    for (const { text, iterators } of expressionsOf(block.body)) {
      let refs;
      try {
        refs = await referencesIn(block.file, text);
      } catch (e) {
        problems.push(`${block.file}: ${block.where}: cannot parse expression ${JSON.stringify(text)}: ${e.message}`);
        continue;
      }
      for (const ref of refs) {
        stats.references++;
        const problem = await checkReference(config, ref, iterators, iterable, loader);
        if (problem) problems.push(`${block.file}: ${block.where}: ${problem}`);
        if (ref.startsWith("var.")) stats.variablesUsed.add(ref.split(".")[1]);
      }
    }
  }
  for (const [name, m] of config.modules) problems.push(...(await checkModuleCall(config, name, m, loader)));
  problems.push(...(await checkMovedBlocks(config, loader)));
  return { problems, stats };
}

/**
 * A moved block keeps an object's state when its address changes. Terraform refuses one whose
 * `from` is still declared, and one whose `to` names nothing plans the object's destruction.
 */
async function checkMovedBlocks(config, loader) {
  const problems = [];
  for (const { file, body } of config.moved) {
    const [from, to] = [body.from, body.to].map((v) => /^\$\{([^{}]+)\}$/.exec(v ?? "")?.[1]);
    if (!from || !to) {
      problems.push(`${file}: moved: "from" and "to" must both be addresses`);
      continue;
    }
    if ((await declarationAt(config, from, loader)) === true) {
      problems.push(`${file}: moved from ${from}: it is still declared, so there is nothing to move`);
    }
    if ((await declarationAt(config, to, loader)) === false) {
      problems.push(`${file}: moved to ${to}: nothing is declared there (the object would be destroyed)`);
    }
  }
  return problems;
}

/** Whether a resource or module address is declared: true, false, or null when not local. */
async function declarationAt(config, address, loader) {
  const parts = address.replace(/\[[^\]]*\]/g, "").split(".");
  let here = config;
  while (parts[0] === "module" && parts.length >= 2) {
    const m = here.modules.get(parts[1]);
    if (!m) return false;
    const dir = localModuleDir(here, m.body);
    if (!dir || !isDirectoryWithTf(dir)) return null;
    here = await loader(dir);
    parts.splice(0, 2);
  }
  if (parts.length === 0) return true;
  return parts.length === 2 && here.resources.has(parts.join("."));
}

function omit(body, key) {
  const { [key]: _, ...rest } = body;
  return rest;
}

async function checkReference(config, ref, iterators, iterable, loader) {
  const { parts, root, builtin } = describeRoot(ref);
  if (iterators.includes(root)) return null;
  if (builtin) {
    return root === "each" && !iterable ? `${ref} is used in a block without for_each` : null;
  }
  switch (root) {
    case "var":
      return config.variables.has(parts[1]) ? null : `var.${parts[1]} is used but no variable "${parts[1]}" is declared in this directory`;
    case "local":
      return config.locals.has(parts[1]) ? null : `local.${parts[1]} is used but not declared`;
    case "data":
      return config.data.has(`${parts[1]}.${parts[2]}`) ? null : `data.${parts[1]}.${parts[2]} is referenced but not declared`;
    case "module": {
      const m = config.modules.get(parts[1]);
      if (!m) return `module.${parts[1]} is referenced but not declared`;
      const dir = localModuleDir(config, m.body);
      if (!dir || !isDirectoryWithTf(dir)) return null; // reported by checkModuleCall
      const repeated = "for_each" in m.body || "count" in m.body;
      const output = parts[repeated ? 3 : 2];
      if (output === undefined) return null;
      const child = await loader(dir);
      return child.outputs.has(output) ? null : `${ref}: module "${parts[1]}" (${m.body.source}) has no output "${output}"`;
    }
    default:
      if (parts.length < 2) return `${ref} is not a reference to anything declared`;
      return config.resources.has(`${parts[0]}.${parts[1]}`) ? null : `${parts[0]}.${parts[1]} is referenced but no resource "${parts[0]}" "${parts[1]}" is declared`;
  }
}

async function checkModuleCall(config, name, m, loader) {
  const problems = [];
  const where = `${m.file}: module.${name}`;
  const dir = localModuleDir(config, m.body);
  if (typeof m.body.source !== "string") return [`${where}: has no literal source`];
  if (!dir) return []; // a registry or VCS source: nothing local to check
  if (!isDirectoryWithTf(dir)) return [`${where}: source "${m.body.source}" is not a directory with .tf files (${dir})`];
  const child = await loader(dir);
  for (const arg of Object.keys(m.body)) {
    if (!MODULE_META_ARGUMENTS.has(arg) && !child.variables.has(arg)) {
      problems.push(`${where}: input "${arg}" is not a variable of ${m.body.source}`);
    }
  }
  for (const [v, decl] of child.variables) {
    if (!decl.hasDefault && !(v in m.body)) problems.push(`${where}: required input "${v}" of ${m.body.source} is not given`);
  }
  return problems;
}

// --- the repository's functions and topics ---------------------------------------------------

/** The topics the Java code makes: drey.<family> per MessageFamily constant, then the outbox. */
export function topicsFromJava(kafkaSourceDir) {
  const family = readFileSync(join(kafkaSourceDir, "MessageFamily.java"), "utf8");
  const topics = readFileSync(join(kafkaSourceDir, "Topics.java"), "utf8");
  const base = /String BASE = "([^"]+)"/.exec(topics)?.[1];
  const outbox = /String OUTBOX_SUFFIX = "([^"]+)"/.exec(topics)?.[1];
  const suffixes = [...family.matchAll(/^\s*[A-Z][A-Z0-9_]*\("([^"]+)"\)[,;]/gm)].map((m) => m[1]);
  if (!base || !outbox || suffixes.length === 0) {
    throw new Error(`cannot read the topic names from ${kafkaSourceDir} (MessageFamily.java / Topics.java changed shape?)`);
  }
  return [...suffixes.map((s) => `${base}.${s}`), `${base}.${outbox}`];
}

export function readManifest(path) {
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  const problems = [];
  if (!Array.isArray(manifest.topics)) problems.push(`${path}: "topics" must be a list`);
  if (!manifest.functions || typeof manifest.functions !== "object") problems.push(`${path}: "functions" must be an object`);
  const topics = new Set(manifest.topics ?? []);
  for (const [name, f] of Object.entries(manifest.functions ?? {})) {
    if (!Array.isArray(f.consumes) || f.consumes.length === 0) problems.push(`${path}: function "${name}" consumes no topics`);
    for (const t of f.consumes ?? []) if (!topics.has(t)) problems.push(`${path}: function "${name}" consumes "${t}", which is not in "topics"`);
    if ("tick" in f && typeof f.tick !== "boolean") problems.push(`${path}: function "${name}": "tick" must be true or false`);
  }
  for (const [name, s] of Object.entries(manifest.services ?? {})) {
    for (const t of [...(s.consumes ?? []), ...(s.produces ?? [])]) {
      if (!topics.has(t)) problems.push(`${path}: service "${name}" uses "${t}", which is not in "topics"`);
    }
  }
  return { manifest, problems };
}

// --- wiring rules per environment --------------------------------------------------------------

const manifestKind = (i) => (i.type === "kubernetes_manifest" ? i.body.manifest ?? {} : {});

/** What "wired" means in each environment. */
export const ENVIRONMENTS = {
  aws: {
    unit: { what: "Lambda function", matches: (i) => i.type === "aws_lambda_function" },
    perTopic: {
      what: "MSK event-source mapping",
      matches: (i) => i.type === "aws_lambda_event_source_mapping",
      topicExpression: (i) => i.body.topics,
      sinkProblem: (i, units) => {
        const target = i.body.function_name;
        if (typeof target !== "string" || !/aws_lambda_(function|alias)\./.test(target)) {
          return "its function_name does not reference the function's aws_lambda_function (or an alias of it)";
        }
        return units.length > 0 ? null : "there is no Lambda function beside it";
      },
    },
    ticks: awsTicks,
    relay: [
      {
        what: "ECS service behind a load balancer on the service's port",
        matches: (i, service) => i.type === "aws_ecs_service"
          && (i.body.load_balancer ?? []).some((lb) => Number(evaluate(lb.container_port, i.scope)) === service.port),
      },
      {
        what: "load-balancer target group with the readiness health check",
        matches: (i, service) => i.type === "aws_lb_target_group"
          && (i.body.health_check ?? []).some((h) => evaluate(h.path, i.scope) === service.readiness),
      },
    ],
  },
  knative: {
    unit: {
      what: "Knative Service",
      matches: (i) => manifestKind(i).kind === "Service"
        && String(evaluate(manifestKind(i).apiVersion, i.scope)).startsWith("serving.knative.dev/"),
    },
    perTopic: {
      what: "KafkaSource",
      matches: (i) => manifestKind(i).kind === "KafkaSource",
      topicExpression: (i) => manifestKind(i).spec?.topics,
      sinkProblem: (i, units) => {
        const ref = manifestKind(i).spec?.sink?.ref ?? {};
        if (ref.kind !== "Service" || !String(ref.apiVersion).startsWith("serving.knative.dev/")) {
          return "its sink is not a Knative Service";
        }
        const sink = evaluate(ref.name, i.scope);
        const names = units.map((u) => evaluate(manifestKind(u).metadata?.name, u.scope));
        return sink !== UNKNOWN && names.includes(sink) ? null
          : `its sink "${sink === UNKNOWN ? "(not static)" : sink}" is not the function's Service (${names.map(String).join(", ") || "none"})`;
      },
    },
    ticks: knativeTicks,
    relay: [
      {
        what: "Deployment with the readiness probe",
        matches: (i, service) => (i.type === "kubernetes_deployment_v1" || i.type === "kubernetes_deployment")
          && findAll(i.body, "readiness_probe").some((p) => findAll(p, "http_get").some((g) => evaluate(g.path, i.scope) === service.readiness)),
      },
      {
        what: "Service targeting the service's port",
        matches: (i, service) => (i.type === "kubernetes_service_v1" || i.type === "kubernetes_service")
          && findAll(i.body, "port").some((p) => p !== null && typeof p === "object" && Number(evaluate(p.target_port, i.scope)) === service.port),
      },
    ],
  },
};

// --- the periodic tick -----------------------------------------------------------------------

/**
 * The function whose unit (Lambda function, Knative Service) an expression refers to, or null. Two forms:
 * an output of a module instance (`module.function["roast-orchestrator"].function_arn`) whose value refers
 * to a unit of that instance, or a unit resource in the same module instance as the referring block
 * (`aws_lambda_function.this.arn` inside the function's module).
 */
async function functionReferenced(value, from, instances, unit, functions, loader) {
  if (typeof value !== "string" || !/^\$\{[^{}]*\}$/.test(value)) return null;
  const refs = await referencesIn("tick", value);
  if (refs.length !== 1) return null;
  const parts = refs[0].split(".");
  const units = instances.filter(unit.matches);
  if (parts[0] === "module" && parts.length === 4) {
    const key = parts[2].replace(/^"(.*)"$/, "$1");
    const m = from.scope.config.modules.get(parts[1]);
    const dir = m && localModuleDir(from.scope.config, m.body);
    if (!dir || !isDirectoryWithTf(dir) || !(key in functions)) return null;
    const output = (await loader(dir)).outputs.get(parts[3]);
    if (!output) return null;
    const outputRefs = await referencesIn("tick", String(output.body.value ?? ""));
    const prefix = `${addressPrefix(from)}module.${parts[1]}[${JSON.stringify(key)}].`;
    const found = units.find((u) => u.address.startsWith(prefix) && !u.address.slice(prefix.length).includes(".module.")
      && outputRefs.some((r) => r.startsWith(`${u.type}.${u.name}.`)));
    return found ? key : null;
  }
  if (parts[0] === "module" || parts.length < 3) return null;
  const found = units.find((u) => u.scope.config === from.scope.config && u.type === parts[0] && u.name === parts[1]
    && JSON.stringify(u.owners) === JSON.stringify(from.owners));
  return found ? found.owners.find((o) => o in functions) ?? null : null;
}

/** `module.a["x"].` for an instance in that module instance, "" at the root. */
function addressPrefix(instance) {
  const i = instance.address.lastIndexOf(`${instance.type}.${instance.name}`);
  return i < 0 ? "" : instance.address.slice(0, i);
}

/** The instance of `type` a reference such as `aws_cloudwatch_event_rule.tick.arn` names, in the same module instance. */
async function resourceReferenced(value, attributes, type, from, instances) {
  if (typeof value !== "string" || !/^\$\{[^{}]*\}$/.test(value)) return null;
  const refs = await referencesIn("tick", value);
  const parts = refs.length === 1 ? refs[0].split(".") : [];
  if (parts.length !== 3 || parts[0] !== type || !attributes.includes(parts[2])) return null;
  return instances.find((i) => i.type === type && i.name === parts[1] && i.scope.config === from.scope.config
    && JSON.stringify(i.owners) === JSON.stringify(from.owners)) ?? null;
}

/**
 * AWS: an EventBridge rule with a schedule, a target on it invoking the function's Lambda, and the
 * permission letting EventBridge (from that rule) invoke it. Returns the ticked functions and problems.
 */
async function awsTicks(instances, unit, functions, loader) {
  const problems = [];
  const ticked = new Map();
  const what = "EventBridge schedule (aws_cloudwatch_event_rule + aws_cloudwatch_event_target + aws_lambda_permission)";
  for (const target of instances.filter((i) => i.type === "aws_cloudwatch_event_target")) {
    const fn = await functionReferenced(target.body.arn, target, instances, unit, functions, loader);
    if (fn === null) continue; // not a function's Lambda: not a tick
    const rule = await resourceReferenced(target.body.rule, ["name", "id"], "aws_cloudwatch_event_rule", target, instances);
    if (!rule) {
      problems.push(`${target.address}: invokes function "${fn}" but its rule does not reference an aws_cloudwatch_event_rule`);
      continue;
    }
    const schedule = evaluate(rule.body.schedule_expression, rule.scope);
    if (typeof schedule !== "string" || !/^(rate|cron)\(.+\)$/.test(schedule)) {
      problems.push(`${rule.address}: its schedule_expression ${JSON.stringify(rule.body.schedule_expression ?? null)} is not a literal rate(...) or cron(...), so it does not tick function "${fn}"`);
      continue;
    }
    let permission = null;
    for (const p of instances.filter((i) => i.type === "aws_lambda_permission")) {
      if (evaluate(p.body.principal, p.scope) === "events.amazonaws.com"
        && evaluate(p.body.action, p.scope) === "lambda:InvokeFunction"
        && (await functionReferenced(p.body.function_name, p, instances, unit, functions, loader)) === fn
        && (await resourceReferenced(p.body.source_arn, ["arn"], "aws_cloudwatch_event_rule", p, instances)) === rule) {
        permission = p;
        break;
      }
    }
    if (!permission) {
      problems.push(`${target.address}: invokes function "${fn}" but no aws_lambda_permission lets events.amazonaws.com `
        + `invoke it (lambda:InvokeFunction) with source_arn ${rule.address}.arn`);
      continue;
    }
    const list = ticked.get(fn) ?? [];
    list.push({ address: target.address, summary: `${rule.address} (${schedule}) -> ${target.address}, ${permission.address}` });
    ticked.set(fn, list);
  }
  return { what, ticked, problems };
}

/** Knative: a PingSource with a cron schedule sinking into the function's Knative Service. */
async function knativeTicks(instances, unit, functions, loader) {
  const problems = [];
  const ticked = new Map();
  const what = "PingSource (sources.knative.dev) sinking into its Knative Service";
  for (const ping of instances.filter((i) => manifestKind(i).kind === "PingSource")) {
    const m = manifestKind(ping);
    const ref = m.spec?.sink?.ref ?? {};
    if (ref.kind !== "Service" || !String(ref.apiVersion).startsWith("serving.knative.dev/")) {
      problems.push(`${ping.address}: its sink is not a Knative Service`);
      continue;
    }
    let fn = null;
    const name = evaluate(ref.name, ping.scope);
    if (typeof name === "string") {
      const owners = instances.filter(unit.matches)
        .filter((u) => evaluate(manifestKind(u).metadata?.name, u.scope) === name)
        .flatMap((u) => u.owners.filter((o) => o in functions));
      fn = owners.length === 1 ? owners[0] : null;
    } else {
      fn = await functionReferenced(ref.name, ping, instances, unit, functions, loader);
    }
    if (fn === null) {
      problems.push(`${ping.address}: its sink ${JSON.stringify(ref.name ?? null)} is not a function's Knative Service`);
      continue;
    }
    if (!String(evaluate(m.apiVersion, ping.scope)).startsWith("sources.knative.dev/")) {
      problems.push(`${ping.address}: apiVersion ${JSON.stringify(m.apiVersion ?? null)} is not sources.knative.dev/...`);
      continue;
    }
    const schedule = evaluate(m.spec?.schedule, ping.scope);
    if (typeof schedule !== "string" || schedule.trim().split(/\s+/).length !== 5) {
      problems.push(`${ping.address}: its schedule ${JSON.stringify(m.spec?.schedule ?? null)} is not a literal five-field cron expression, so it does not tick function "${fn}"`);
      continue;
    }
    const list = ticked.get(fn) ?? [];
    list.push({ address: ping.address, summary: `${ping.address} (${schedule}) -> Service of "${fn}"` });
    ticked.set(fn, list);
  }
  return { what, ticked, problems };
}

/**
 * Every `key` block or attribute anywhere in a body. The content of a `dynamic "key"` block counts
 * as a `key` block (whether its for_each yields it is not evaluated).
 */
function findAll(body, key) {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === key) out.push(...(Array.isArray(x) ? x : [x]));
        if (k === "dynamic" && Array.isArray(x?.[key])) out.push(...x[key].flatMap((d) => d.content ?? []));
        walk(x);
      }
    }
  };
  walk(body);
  return out;
}

/** Checks that every manifest function (and service) is wired in one environment. */
export async function checkWiring(envName, envDir, manifest, loader) {
  const rules = ENVIRONMENTS[envName];
  const problems = [];
  const lines = [];
  const config = await loader(envDir);
  const instances = await expand(config, loader);
  const functions = manifest.functions ?? {};

  const topicsLocal = config.locals.get("topics");
  if (!topicsLocal) {
    problems.push(`${envName}: no local "topics" listing the deployment's topics`);
  } else {
    const topics = evaluate(topicsLocal.value, { config, inputs: null, each: null });
    if (JSON.stringify(topics) !== JSON.stringify(manifest.topics)) {
      problems.push(`${envName}: local.topics ${JSON.stringify(topics)} differs from infra/functions.json ${JSON.stringify(manifest.topics)}`);
    }
  }

  for (const [name, f] of Object.entries(functions)) {
    const owned = instances.filter((i) => i.owners.includes(name));
    const units = owned.filter(rules.unit.matches);
    const perTopic = owned.filter(rules.perTopic.matches);
    if (units.length === 0) problems.push(`${envName}: function "${name}" has no ${rules.unit.what}`);
    const wiredTopics = [];
    for (const topic of f.consumes) {
      const mine = perTopic.filter((i) => i.scope.each?.key === topic);
      if (mine.length === 0) {
        problems.push(`${envName}: function "${name}" has no ${rules.perTopic.what} for topic ${topic}`);
        continue;
      }
      for (const i of mine) {
        const problem = await perTopicProblem(rules.perTopic, i, units);
        if (problem) problems.push(`${envName}: ${i.address}: ${problem}`);
        else wiredTopics.push(topic);
      }
    }
    for (const i of perTopic) {
      const key = i.scope.each?.key;
      if (!f.consumes.includes(key)) {
        problems.push(`${envName}: ${i.address} wires function "${name}" to ${key === undefined ? "a topic not named by its for_each key" : `topic ${key}`}, which infra/functions.json does not list for it`);
      }
    }
    if (units.length > 0) {
      lines.push(`${envName.padEnd(8)} ${name}: ${units.map((u) => u.address).join(", ")}; ${rules.perTopic.what}s: ${wiredTopics.join(", ") || "none"}`);
    }
  }
  for (const i of instances.filter((x) => rules.unit.matches(x) || rules.perTopic.matches(x))) {
    if (i.owners.includes(UNKNOWN) || i.scope.each?.key === UNKNOWN) {
      problems.push(`${envName}: ${i.address}: a for_each around it cannot be evaluated statically, so its wiring cannot be checked `
        + "(iterate over a literal map or list: a local, a variable's default or each.value.x)");
    } else if (!i.owners.some((o) => o in functions)) {
      problems.push(`${envName}: ${i.address} is not a function of infra/functions.json (for_each keys: ${JSON.stringify(i.owners)})`);
    }
  }
  for (const [name, service] of Object.entries(manifest.services ?? {})) {
    for (const rule of rules.relay) {
      const found = instances.filter((i) => rule.matches(i, service));
      if (found.length === 0) problems.push(`${envName}: service "${name}" has no ${rule.what} (port ${service.port}, readiness ${service.readiness})`);
      else lines.push(`${envName.padEnd(8)} ${name}: ${rule.what}: ${found.map((i) => i.address).join(", ")}`);
    }
  }
  const ticks = await rules.ticks(instances, rules.unit, functions, loader);
  problems.push(...ticks.problems.map((p) => `${envName}: ${p}`));
  for (const [name, f] of Object.entries(functions)) {
    const found = ticks.ticked.get(name) ?? [];
    if (f.tick === true && found.length === 0) {
      problems.push(`${envName}: function "${name}" is marked "tick" in infra/functions.json but has no ${ticks.what}`);
    }
    if (f.tick !== true) {
      for (const t of found) {
        problems.push(`${envName}: ${t.address} ticks function "${name}", which infra/functions.json does not mark "tick"`);
      }
    }
    if (found.length > 0) lines.push(`${envName.padEnd(8)} ${name}: tick: ${found.map((t) => t.summary).join("; ")}`);
  }
  return { problems, lines };
}

async function perTopicProblem(rule, instance, units) {
  const expr = rule.topicExpression(instance);
  const texts = [...expressionsOf(expr ?? null)].map((e) => e.text);
  let dependsOnKey = false;
  for (const t of texts) {
    const refs = await referencesIn("wiring", t);
    if (refs.some((r) => r === "each.key" || r === "each.value" || r.startsWith("each.value."))) dependsOnKey = true;
  }
  if (!dependsOnKey) {
    const literal = evaluate(expr, instance.scope);
    const key = instance.scope.each?.key;
    if (!(Array.isArray(literal) && literal.length === 1 && literal[0] === key)) {
      return `its topics (${JSON.stringify(expr)}) do not follow its for_each key ${JSON.stringify(key)}`;
    }
  }
  return rule.sinkProblem(instance, units);
}

// --- the whole check -------------------------------------------------------------------------

/**
 * Runs every check. `terraformDir` is scanned for .tf directories (skipping `skip`); the
 * environments named in `environments` are checked against the manifest; `kafkaSourceDir`
 * (optional) is where MessageFamily.java and Topics.java are.
 */
export async function runChecks({ terraformDir, manifestPath, environments = ["aws", "knative"], kafkaSourceDir = null, skip = [], requiredSettingsPath = null, dockerRoot = null }) {
  const loader = cachingLoader();
  const problems = [];
  const lines = [];
  const dirs = tfDirectories(terraformDir, skip);
  let files = 0;
  for (const dir of dirs) {
    const config = await loader(dir);
    files += config.files.length;
    const { problems: p, stats } = await checkDirectory(config, loader);
    problems.push(...p.map((x) => `${rel(terraformDir, dir)}: ${x}`));
    lines.push(`${p.length === 0 ? "ok  " : "FAIL"} ${rel(terraformDir, dir)}: ${config.files.length} files, ${stats.references} references, `
      + `${stats.variablesUsed.size} of ${config.variables.size} variables used, ${config.modules.size} module calls, ${config.resources.size} resources`
      + unusedNote(config, stats));
  }
  lines.unshift(`parsed ${files} .tf files in ${dirs.length} directories`);

  const { manifest, problems: mp } = readManifest(manifestPath);
  problems.push(...mp);
  if (kafkaSourceDir) {
    const javaTopics = topicsFromJava(kafkaSourceDir);
    if (JSON.stringify(javaTopics) !== JSON.stringify(manifest.topics)) {
      problems.push(`infra/functions.json topics ${JSON.stringify(manifest.topics)} differ from the Java code's ${JSON.stringify(javaTopics)}`);
    } else {
      lines.push(`topics agree with MessageFamily.java/Topics.java: ${javaTopics.join(", ")}`);
    }
  }
  const units = [...Object.entries(manifest.functions ?? {}), ...Object.entries(manifest.services ?? {})];
  const absent = units.filter(([, u]) => typeof u.source === "string" && !existsSync(join(dirname(manifestPath), "..", u.source)));
  if (absent.length > 0) {
    lines.push(`note: not in the repository yet (wired anyway): ${absent.map(([n, u]) => `${n} (${u.source})`).join(", ")}`);
  }
  lines.push(`manifest: ${Object.keys(manifest.functions ?? {}).length} functions (${Object.keys(manifest.functions ?? {}).join(", ")}), `
    + `${Object.keys(manifest.services ?? {}).length} services`);
  for (const env of environments) {
    const envDir = join(terraformDir, env);
    if (!isDirectoryWithTf(envDir)) {
      problems.push(`${env}: environment directory ${envDir} has no .tf files`);
      continue;
    }
    const { problems: wp, lines: wl } = await checkWiring(env, envDir, manifest, loader);
    problems.push(...wp);
    lines.push(...wl);
    if (requiredSettingsPath) {
      const required = JSON.parse(readFileSync(requiredSettingsPath, "utf8"));
      const { problems: dp, lines: dl } = await checkDeployment(env, envDir, manifest, required, loader);
      problems.push(...dp);
      lines.push(...dl);
    }
  }
  if (dockerRoot) {
    const { problems: ip, lines: il } = checkImages(manifest, dockerRoot, terraformDir);
    problems.push(...ip);
    lines.push(...il);
  }
  return { problems, lines };
}

function unusedNote(config, stats) {
  const unused = [...config.variables.keys()].filter((v) => !stats.variablesUsed.has(v));
  return unused.length === 0 ? "" : ` (declared, unused: ${unused.join(", ")})`;
}

async function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const terraformDir = resolve(process.argv[2] ?? join(here, ".."));
  const repoRoot = resolve(terraformDir, "..", "..");
  const kafkaSourceDir = join(repoRoot, "functions/kafka/src/main/java/dev/drey/kafka");
  const { problems, lines } = await runChecks({
    terraformDir,
    manifestPath: join(repoRoot, "infra/functions.json"),
    kafkaSourceDir: existsSync(kafkaSourceDir) ? kafkaSourceDir : null,
    skip: [join(terraformDir, "check")],
    requiredSettingsPath: join(repoRoot, "infra/required-settings.json"),
    dockerRoot: repoRoot,
  });
  console.log(`Terraform check of ${terraformDir} (@cdktf/hcl2json)`);
  for (const l of lines) console.log(`  ${l}`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
    for (const p of problems) console.log(`  - ${p}`);
    process.exitCode = 1;
  } else {
    console.log("\nall checks passed");
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`terraform check failed to run: ${e.stack ?? e}`);
    process.exitCode = 2;
  });
}
