// Loading a Terraform directory with @cdktf/hcl2json (HashiCorp's HCL parser compiled to
// WebAssembly) and the small static evaluation the checks need: which blocks are declared, which
// references an expression makes, and the for_each instances of resources and local modules.

import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, resolve, relative } from "node:path";
import { parse, getReferencesInExpression } from "@cdktf/hcl2json";

/** A value the static evaluation cannot know (anything computed by a provider or a function). */
export const UNKNOWN = Symbol("unknown");

/** Terraform's own reference roots; everything else is a resource type. */
const BUILTIN_ROOTS = new Set(["path", "terraform", "self", "count", "each"]);

/** Arguments of a module block that are not inputs of the module. */
export const MODULE_META_ARGUMENTS = new Set(["source", "version", "for_each", "count", "providers", "depends_on"]);

export function tfFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith(".tf") && statSync(join(dir, f)).isFile()).sort();
}

/** Every directory under root holding .tf files, skipping node_modules, dot directories and `skip`. */
export function tfDirectories(root, skip = []) {
  const out = [];
  const skipped = new Set(skip.map((s) => resolve(s)));
  const walk = (dir) => {
    if (skipped.has(resolve(dir))) return;
    if (tfFiles(dir).length > 0) out.push(dir);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) walk(join(dir, e.name));
    }
  };
  walk(root);
  return out;
}

/**
 * Parses every .tf file of a directory into one declaration table. Problems (syntax errors,
 * duplicate declarations) are collected, not thrown, so one report names all of them.
 */
export async function loadDirectory(dir) {
  const config = {
    dir,
    files: tfFiles(dir),
    problems: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    modules: new Map(),
    resources: new Map(),
    data: new Map(),
    providers: [],
    moved: [],
  };
  const declare = (table, key, entry, what) => {
    if (table.has(key)) {
      config.problems.push(`${what} "${key}" is declared twice (${table.get(key).file} and ${entry.file})`);
    } else {
      table.set(key, entry);
    }
  };
  for (const file of config.files) {
    let json;
    try {
      json = await parse(file, readFileSync(join(dir, file), "utf8"));
    } catch (e) {
      config.problems.push(`${file}: cannot parse: ${e.message}`);
      continue;
    }
    for (const [name, [body]] of Object.entries(json.variable ?? {})) {
      declare(config.variables, name, { file, body, hasDefault: "default" in body }, "variable");
    }
    for (const block of json.locals ?? []) {
      for (const [name, value] of Object.entries(block)) declare(config.locals, name, { file, value }, "local");
    }
    for (const [name, bodies] of Object.entries(json.provider ?? {})) {
      for (const body of bodies) config.providers.push({ file, name, body });
    }
    for (const body of json.moved ?? []) config.moved.push({ file, body });
    for (const [name, [body]] of Object.entries(json.output ?? {})) declare(config.outputs, name, { file, body }, "output");
    for (const [name, [body]] of Object.entries(json.module ?? {})) declare(config.modules, name, { file, body }, "module");
    for (const [kind, table] of [["resource", config.resources], ["data", config.data]]) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        for (const [name, [body]] of Object.entries(byName)) {
          declare(table, `${type}.${name}`, { file, type, name, body }, kind);
        }
      }
    }
  }
  return config;
}

/** A module block's source as a directory, or null when it is not a local path. */
export function localModuleDir(config, body) {
  const source = body.source;
  if (typeof source !== "string" || !(source.startsWith("./") || source.startsWith("../"))) return null;
  return resolve(config.dir, source);
}

export function isDirectoryWithTf(dir) {
  return existsSync(dir) && statSync(dir).isDirectory() && tfFiles(dir).length > 0;
}

/**
 * Every interpolated string in a block body with the names of the dynamic-block iterators in
 * scope. Skipped: type constraints of variables, lifecycle.ignore_changes and provider
 * meta-arguments, which are not expressions over values.
 */
export function* expressionsOf(body, iterators = [], path = []) {
  if (typeof body === "string") {
    if (body.includes("${")) yield { text: body, iterators, path };
    return;
  }
  if (Array.isArray(body)) {
    for (const [i, v] of body.entries()) yield* expressionsOf(v, iterators, [...path, i]);
    return;
  }
  if (body === null || typeof body !== "object") return;
  for (const [key, value] of Object.entries(body)) {
    if (key === "ignore_changes" || key === "provider" || key === "providers") continue;
    if (key === "dynamic") {
      for (const [label, blocks] of Object.entries(value)) {
        for (const block of blocks) {
          const names = [label, typeof block.iterator === "string" ? block.iterator : null].filter(Boolean);
          yield* expressionsOf(block, [...iterators, ...names], [...path, "dynamic", label]);
        }
      }
      continue;
    }
    yield* expressionsOf(value, iterators, [...path, key]);
  }
}

/** The references (`var.x`, `aws_s3_bucket.b.arn`, ...) an interpolated string makes. */
export async function referencesIn(file, text) {
  return (await getReferencesInExpression(file, text)).map((r) => r.value);
}

export function describeRoot(ref) {
  const parts = ref.split(".");
  return { parts, root: parts[0], builtin: BUILTIN_ROOTS.has(parts[0]) };
}

// --- static evaluation -----------------------------------------------------------------------

const PATH = /^(local|var|each)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]+\])*)$/;

function segments(rest) {
  const out = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[([^\]]+)\]/g;
  let m;
  while ((m = re.exec(rest)) !== null) out.push(m[1] !== undefined ? { name: m[1] } : { index: m[2].trim() });
  return out;
}

/**
 * Evaluates the few expression forms wiring is written in: literals, `local.x`, `var.x` (a
 * module input, a root input such as a tfvars value, or a default), `each.key`, `each.value.x`,
 * indexing with those, `toset(...)`, `keys(...)`, `merge(...)`, `try(...)` and string templates
 * over them. Anything else (a resource attribute, `filebase64(...)`) is UNKNOWN: Terraform computes it.
 */
export function evaluate(value, scope) {
  if (typeof value !== "string") {
    if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, scope)]));
    }
    return value;
  }
  if (!value.includes("${")) return value;
  const whole = wholeInterpolation(value);
  if (whole !== null) return evaluateExpression(whole.trim(), scope);
  let unknown = false;
  const text = value.replace(/\$\{([^{}]*)\}/g, (_, e) => {
    const v = evaluateExpression(e.trim(), scope);
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
    unknown = true;
    return "";
  });
  return unknown || text.includes("${") ? UNKNOWN : text;
}

/** The expression of a value that is one interpolation `${...}` (braces inside it balanced), else null. */
function wholeInterpolation(value) {
  if (!value.startsWith("${") || !value.endsWith("}")) return null;
  let depth = 0;
  let quoted = false;
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i === value.length - 1 ? value.slice(2, -1) : null;
  }
  return null;
}

/** The top-level comma-separated arguments of a call's argument text (nesting and strings respected). */
function splitArguments(text) {
  const out = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.slice(start).trim() !== "") out.push(text.slice(start).trim());
  return out;
}

function evaluateExpression(expr, scope) {
  // merge(a, b, ...): later maps win; UNKNOWN if any argument is not a known map.
  // try(a, b, ...): the first argument that evaluates (a missing key or unknown value falls through).
  const variadic = /^(merge|try)\((.*)\)$/s.exec(expr);
  if (variadic) {
    const args = splitArguments(variadic[2]);
    if (variadic[1] === "try") {
      for (const a of args) {
        const v = a === "{}" ? {} : evaluateExpression(a, scope);
        if (v !== UNKNOWN) return v;
      }
      return UNKNOWN;
    }
    const maps = args.map((a) => (a === "{}" ? {} : evaluateExpression(a, scope)));
    if (maps.some((m) => m === UNKNOWN || m === null || typeof m !== "object" || Array.isArray(m))) return UNKNOWN;
    return Object.assign({}, ...maps);
  }
  const call = /^(toset|keys)\((.*)\)$/s.exec(expr);
  if (call) {
    const inner = evaluateExpression(call[2].trim(), scope);
    if (inner === UNKNOWN || inner === null || typeof inner !== "object") return UNKNOWN;
    if (call[1] === "keys") return Array.isArray(inner) ? UNKNOWN : Object.keys(inner);
    return [...new Set(Array.isArray(inner) ? inner : Object.values(inner))];
  }
  if (/^"[^"$]*"$/.test(expr)) return expr.slice(1, -1);
  const m = PATH.exec(expr);
  if (!m) return UNKNOWN;
  const steps = segments(m[2]);
  let current;
  if (m[1] === "each") {
    if (!scope.each || steps.length === 0) return UNKNOWN;
    const which = steps.shift().name;
    if (which === "key") current = scope.each.key;
    else if (which === "value") current = scope.each.value;
    else return UNKNOWN;
  } else {
    if (steps.length === 0 || steps[0].name === undefined) return UNKNOWN;
    const name = steps.shift().name;
    if (m[1] === "local") {
      const local = scope.config.locals.get(name);
      if (!local) return UNKNOWN;
      current = evaluate(local.value, { config: scope.config, inputs: scope.inputs, each: null });
    } else if (scope.inputs && scope.inputs.has(name)) {
      current = scope.inputs.get(name);
    } else {
      const variable = scope.config.variables.get(name);
      if (!variable || !variable.hasDefault) return UNKNOWN;
      current = evaluate(variable.body.default, { config: scope.config, inputs: null, each: null });
    }
  }
  for (const step of steps) {
    if (current === UNKNOWN || current === null || typeof current !== "object") return UNKNOWN;
    let key = step.name;
    if (step.index !== undefined) {
      key = /^\d+$/.test(step.index) ? Number(step.index) : evaluateExpression(step.index, scope);
      if (key === UNKNOWN) return UNKNOWN;
    }
    if (!(key in current)) return UNKNOWN;
    current = current[key];
  }
  return current;
}

/** The for_each instances of a block: [{key, value}], [null] without for_each, or UNKNOWN. */
export function instancesOf(body, scope) {
  if (!("for_each" in body)) return [null];
  const v = evaluate(body.for_each, { ...scope, each: null });
  if (v === UNKNOWN || v === null || typeof v !== "object") return UNKNOWN;
  if (Array.isArray(v)) return v.map((item) => ({ key: item, value: item }));
  return Object.entries(v).map(([key, value]) => ({ key, value }));
}

/**
 * Expands a directory and the local modules it calls into resource instances. Each instance
 * carries its address, the for_each keys of the module instances around it (`owners`) and a
 * scope to evaluate its arguments in. `loader` caches directories.
 */
export async function expand(config, loader, inputs = null, prefix = "", owners = []) {
  const out = [];
  const scope = { config, inputs, each: null };
  for (const [address, r] of config.resources) {
    for (const each of instancesOrUnresolved(r.body, scope)) {
      out.push({
        type: r.type,
        name: r.name,
        address: `${prefix}${address}${instanceSuffix(each)}`,
        owners: each ? [...owners, each.key] : owners,
        body: r.body,
        scope: { config, inputs, each },
      });
    }
  }
  for (const [name, m] of config.modules) {
    const dir = localModuleDir(config, m.body);
    if (!dir || !isDirectoryWithTf(dir)) continue;
    const child = await loader(dir);
    for (const each of instancesOrUnresolved(m.body, scope)) {
      const childInputs = new Map();
      for (const [arg, value] of Object.entries(m.body)) {
        if (!MODULE_META_ARGUMENTS.has(arg)) childInputs.set(arg, evaluate(value, { config, inputs, each }));
      }
      const childPrefix = `${prefix}module.${name}${instanceSuffix(each)}.`;
      out.push(...(await expand(child, loader, childInputs, childPrefix, each ? [...owners, each.key] : owners)));
    }
  }
  return out;
}

/**
 * The instances of a block; when its for_each cannot be evaluated, one stand-in instance whose
 * key is UNKNOWN (the wiring check refuses those, other checks do not need them).
 */
function instanceSuffix(each) {
  if (!each) return "";
  return each.key === UNKNOWN ? "[?]" : `[${JSON.stringify(each.key)}]`;
}

function instancesOrUnresolved(body, scope) {
  const instances = instancesOf(body, scope);
  return instances === UNKNOWN ? [{ key: UNKNOWN, value: UNKNOWN }] : instances;
}

export function cachingLoader() {
  const cache = new Map();
  return async (dir) => {
    const key = resolve(dir);
    if (!cache.has(key)) cache.set(key, await loadDirectory(key));
    return cache.get(key);
  };
}

export function rel(from, to) {
  return relative(from, to) || ".";
}
