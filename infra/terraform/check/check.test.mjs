// Tests of the checker itself: small broken .tf trees must be refused with a problem naming what
// is wrong, and a minimal correct tree (fixtures/wired) must pass. Run: node --test check/
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runChecks, topicsFromJava } from "./check.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

/** Runs the directory-level checks on one fixture directory (no environments). */
async function problemsOfDirectory(name) {
  const dir = join(fixtures, name);
  const { problems } = await runChecks({
    terraformDir: dir,
    manifestPath: join(fixtures, "wired", "functions.json"),
    environments: [],
  });
  return problems;
}

/** A writable copy of fixtures/wired, changed by `edit(root)`, then checked as a whole. */
async function problemsOfWired(edit = () => {}) {
  const root = mkdtempSync(join(tmpdir(), "drey-tf-check-"));
  try {
    cpSync(join(fixtures, "wired"), root, { recursive: true });
    edit(root);
    const { problems } = await runChecks({ terraformDir: root, manifestPath: join(root, "functions.json") });
    return problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function replaceIn(file, from, to) {
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `fixture ${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

function assertHas(problems, pattern) {
  assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n  ${problems.join("\n  ")}`);
}

test("a minimal correctly wired tree passes", async () => {
  assert.deepEqual(await problemsOfWired(), []);
});

test("a variable used but not declared is reported by name", async () => {
  const problems = await problemsOfDirectory("undeclared-variable");
  assertHas(problems, /var\.forgotten is used but no variable "forgotten" is declared/);
  assert.equal(problems.filter((p) => /var\.declared/.test(p)).length, 0);
});

test("a local module source that does not exist is reported", async () => {
  assertHas(await problemsOfDirectory("missing-module-source"), /module\.gone: source "\.\/no-such-module" is not a directory/);
});

test("references to undeclared resources, data sources and locals, and each outside for_each, are reported", async () => {
  const problems = await problemsOfDirectory("dangling-reference");
  assertHas(problems, /aws_iam_role\.typo is referenced but no resource "aws_iam_role" "typo" is declared/);
  assertHas(problems, /data\.aws_iam_policy_document\.missing is referenced but not declared/);
  assertHas(problems, /local\.nothing is used but not declared/);
  assertHas(problems, /each\.key is used in a block without for_each/);
  assert.equal(problems.filter((p) => /aws_iam_role\.r\b/.test(p)).length, 0);
});

test("module calls: unknown input, missing required input, unknown output", async () => {
  const problems = await problemsOfDirectory("bad-module-call");
  assertHas(problems, /input "not_an_input" is not a variable of \.\/child/);
  assertHas(problems, /required input "required" of \.\/child is not given/);
  assertHas(problems, /module "child" \(\.\/child\) has no output "no_such_output"/);
});

test("moved blocks: a source still declared, or a target that names nothing, is reported", async () => {
  const problems = await problemsOfDirectory("moved-blocks");
  assertHas(problems, /moved from kubernetes_deployment_v1\.kept: it is still declared/);
  assertHas(problems, /moved to module\.svc\.kubernetes_deployment_v1\.this: nothing is declared there/);
  assertHas(problems, /moved to module\.gone\.kubernetes_config_map_v1\.this: nothing is declared there/);
  assert.equal(problems.filter((p) => /kubernetes_service_v1/.test(p)).length, 0);
  assert.equal(problems.length, 3, problems.join("\n"));
});

test("a file that does not parse is reported with the parser's message", async () => {
  assertHas(await problemsOfDirectory("syntax-error"), /main\.tf: cannot parse: .*main\.tf:2/);
});

test("a function of the manifest that an environment does not deploy is reported", async () => {
  const problems = await problemsOfWired((root) => {
    const path = join(root, "functions.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    manifest.functions.gamma = { consumes: ["t.b"] };
    writeFileSync(path, JSON.stringify(manifest));
  });
  assertHas(problems, /^aws: function "gamma" has no Lambda function/);
  assertHas(problems, /^aws: function "gamma" has no MSK event-source mapping for topic t\.b/);
  assertHas(problems, /^knative: function "gamma" has no Knative Service/);
  assertHas(problems, /^knative: function "gamma" has no KafkaSource for topic t\.b/);
});

test("a consumed topic without its KafkaSource, and a mapping the manifest does not list, are reported", async () => {
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "knative", "main.tf"), `beta  = { topics = ["t.a", "t.b"] }`, `beta  = { topics = ["t.a"] }`);
    replaceIn(join(root, "aws", "main.tf"), `alpha = { topics = ["t.a"] }`, `alpha = { topics = ["t.a", "t.out"] }`);
  });
  assertHas(problems, /^knative: function "beta" has no KafkaSource for topic t\.b/);
  assertHas(problems, /^aws: module\.fn\["alpha"\]\.aws_lambda_event_source_mapping\.topic\["t\.out"\] wires function "alpha" to topic t\.out/);
});

test("a KafkaSource that sinks into another service, or a mapping not following its key, is reported", async () => {
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "modules", "knative", "main.tf"), `kind = "Service", name = var.name`, `kind = "Service", name = "elsewhere"`);
    replaceIn(join(root, "modules", "lambda", "main.tf"), "topics        = [each.key]", `topics        = ["t.a"]`);
  });
  assertHas(problems, /kubernetes_manifest\.source\["t\.a"\]: its sink "elsewhere" is not the function's Service/);
  assertHas(problems, /aws_lambda_event_source_mapping\.topic\["t\.b"\]: its topics .* do not follow its for_each key "t\.b"/);
});

test("a for_each the checker cannot evaluate is refused rather than trusted", async () => {
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "aws", "main.tf"), "for_each = local.functions", "for_each = { for k, v in local.functions : k => v }");
  });
  assertHas(problems, /^aws: module\.fn\[\?\]\.aws_lambda_function\.this: a for_each around it cannot be evaluated statically/);
  assertHas(problems, /^aws: function "alpha" has no Lambda function/);
});

test("an environment's topic list must equal the manifest's, and the relay needs its readiness check", async () => {
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "aws", "main.tf"), `topics = ["t.a", "t.b", "t.out"]`, `topics = ["t.a", "t.b"]`);
    replaceIn(join(root, "knative", "main.tf"), `path = "/ready"`, `path = "/live"`);
  });
  assertHas(problems, /^aws: local\.topics \["t\.a","t\.b"\] differs from infra\/functions\.json/);
  assertHas(problems, /^knative: service "relay" has no Deployment with the readiness probe/);
});

test("the relay's readiness probe and port may be written as dynamic blocks", async () => {
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "knative", "main.tf"), `http_get {
              path = "/ready"
            }`, `dynamic "http_get" {
              for_each = [1]
              content {
                path = "/ready"
              }
            }`);
    replaceIn(join(root, "knative", "main.tf"), `port {
      target_port = 8080
    }`, `dynamic "port" {
      for_each = [1]
      content {
        target_port = 8080
      }
    }`);
  });
  assert.deepEqual(problems, []);
});

test("a function marked tick without its schedule, and a schedule for a function not marked, are reported", async () => {
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "functions.json"), `"alpha": { "consumes": ["t.a"], "tick": true }`, `"alpha": { "consumes": ["t.a"] }`);
    replaceIn(join(root, "functions.json"), `"beta": { "consumes": ["t.a", "t.b"] }`, `"beta": { "consumes": ["t.a", "t.b"], "tick": true }`);
  });
  assertHas(problems, /^aws: function "beta" is marked "tick" in infra\/functions\.json but has no EventBridge schedule/);
  assertHas(problems, /^knative: function "beta" is marked "tick" in infra\/functions\.json but has no PingSource/);
  assertHas(problems, /^aws: aws_cloudwatch_event_target\.tick ticks function "alpha", which infra\/functions\.json does not mark "tick"/);
  assertHas(problems, /^knative: kubernetes_manifest\.tick ticks function "alpha", which infra\/functions\.json does not mark "tick"/);
  assert.equal(problems.length, 4, problems.join("\n"));
});

test("a schedule without its permission, with no literal schedule, or aimed at another function is reported", async () => {
  let problems = await problemsOfWired((root) => {
    replaceIn(join(root, "aws", "main.tf"), `principal     = "events.amazonaws.com"`, `principal     = "sns.amazonaws.com"`);
    replaceIn(join(root, "knative", "main.tf"), `schedule = "* * * * *"`, `schedule = "every minute"`);
  });
  assertHas(problems, /^aws: aws_cloudwatch_event_target\.tick: invokes function "alpha" but no aws_lambda_permission lets events\.amazonaws\.com invoke it/);
  assertHas(problems, /^knative: kubernetes_manifest\.tick: its schedule "every minute" is not a literal five-field cron expression/);
  assertHas(problems, /^aws: function "alpha" is marked "tick" .* but has no EventBridge schedule/);
  assertHas(problems, /^knative: function "alpha" is marked "tick" .* but has no PingSource/);

  problems = await problemsOfWired((root) => {
    replaceIn(join(root, "aws", "main.tf"), `schedule_expression = "rate(1 minute)"`, `event_pattern = "{}"`);
    replaceIn(join(root, "knative", "main.tf"), `name = module.fn["alpha"].service_name`, `name = module.fn["beta"].service_name`);
  });
  assertHas(problems, /^aws: aws_cloudwatch_event_rule\.tick: its schedule_expression null is not a literal rate\(\.\.\.\) or cron\(\.\.\.\)/);
  assertHas(problems, /^knative: kubernetes_manifest\.tick ticks function "beta", which infra\/functions\.json does not mark "tick"/);
  assertHas(problems, /^knative: function "alpha" is marked "tick" .* but has no PingSource/);

  problems = await problemsOfWired((root) => {
    replaceIn(join(root, "aws", "main.tf"), `source_arn    = aws_cloudwatch_event_rule.tick.arn`, `source_arn    = "arn:aws:events:eu-west-1:1:rule/other"`);
  });
  assertHas(problems, /^aws: aws_cloudwatch_event_target\.tick: invokes function "alpha" but no aws_lambda_permission .* with source_arn aws_cloudwatch_event_rule\.tick\.arn/);
});

test("a PingSource may name its Service literally; a name that is no function's Service is reported", async () => {
  assert.deepEqual(await problemsOfWired((root) => {
    replaceIn(join(root, "knative", "main.tf"), `name = module.fn["alpha"].service_name`, `name = "alpha"`);
  }), []);
  const problems = await problemsOfWired((root) => {
    replaceIn(join(root, "knative", "main.tf"), `name = module.fn["alpha"].service_name`, `name = "nobody"`);
  });
  assertHas(problems, /^knative: kubernetes_manifest\.tick: its sink "nobody" is not a function's Knative Service/);
});

test("the topic list is read from MessageFamily.java and Topics.java", () => {
  const dir = mkdtempSync(join(tmpdir(), "drey-tf-java-"));
  try {
    writeFileSync(join(dir, "MessageFamily.java"), `public enum MessageFamily {\n    /** x */\n    ONE("one"),\n    TWO("two");\n    MessageFamily(String s) {}\n}\n`);
    writeFileSync(join(dir, "Topics.java"), `class Topics {\n  public static final String BASE = "b";\n  public static final String OUTBOX_SUFFIX = "out";\n}\n`);
    assert.deepEqual(topicsFromJava(dir), ["b.one", "b.two", "b.out"]);
    writeFileSync(join(dir, "Topics.java"), "class Topics {}\n");
    assert.throws(() => topicsFromJava(dir), /cannot read the topic names/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
