// Tests of the deployment checks on a copy of the real tree (infra/terraform, infra/functions.json,
// infra/required-settings.json, the Dockerfiles): it must pass as committed, and each safety property
// removed from it must be reported. Run: node --test check/
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { runChecks } from "./check.mjs";
import { dockerfileProblems, imageName } from "./dockerfile.mjs";
import { settingsProblems } from "./deployment.mjs";

const terraform = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(terraform, "..", "..");

/** A writable copy of the deployment, changed by `edit(root)`, then checked as the build checks it. */
async function problemsOfDeployment(edit = () => {}) {
  const root = mkdtempSync(join(tmpdir(), "drey-deploy-check-"));
  try {
    const tf = join(root, "infra", "terraform");
    cpSync(terraform, tf, { recursive: true, filter: (src) => !["node_modules", "check"].includes(basename(src)) });
    for (const f of ["infra/functions.json", "infra/required-settings.json", "relay-ingest/Dockerfile", "roast-orchestrator/Dockerfile"]) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      cpSync(join(repo, f), join(root, f));
    }
    edit(root);
    const { problems } = await runChecks({
      terraformDir: tf,
      manifestPath: join(root, "infra", "functions.json"),
      requiredSettingsPath: join(root, "infra", "required-settings.json"),
      dockerRoot: root,
    });
    return problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function replaceIn(file, from, to) {
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

const tf = (root, f) => join(root, "infra", "terraform", f);
const has = (problems, fragment) => assert.ok(problems.some((p) => p.includes(fragment)), `expected a problem with ${JSON.stringify(fragment)} in:\n${problems.join("\n")}`);

test("the committed deployment passes every deployment check", async () => {
  assert.deepEqual(await problemsOfDeployment(), []);
});

test("a required setting the tfvars example leaves out is reported per environment", async () => {
  const problems = await problemsOfDeployment((root) => {
    replaceIn(tf(root, "aws/terraform.tfvars.example"), 'DREY_DKG_TRUSTED_INITIATORS = "npub1...operator"', "");
    replaceIn(tf(root, "knative/terraform.tfvars.example"), 'relay_urls              = "ws://relay-ingest.drey-miner1.svc"', 'relay_urls = ""');
  });
  has(problems, 'aws: function "dkg" starts without DREY_DKG_TRUSTED_INITIATORS');
  assert.ok(!problems.some((p) => p.includes("knative") && p.includes("DREY_RELAYS")), "relay URLs are not a start requirement");
});

test("a key file the module stops passing is reported, as is a test-only setting", async () => {
  const problems = await problemsOfDeployment((root) => {
    replaceIn(tf(root, "knative/functions.tf"), "DREY_SECRETS_FILE_BASE64 = filebase64(var.function_key_file)", "");
    replaceIn(tf(root, "aws/terraform.tfvars.example"), 'DREY_SIGNER_UNITS                = "DREY"', 'DREY_SIGNER_ALLOW_ANY_REQUESTER = "true"');
  });
  has(problems, 'knative: function "signer" starts without DREY_SECRETS_PATH or DREY_SECRETS_FILE_BASE64');
  has(problems, 'aws: function "signer" sets the test-only DREY_SIGNER_ALLOW_ANY_REQUESTER');
});

test("a function without requirements in infra/required-settings.json is refused", () => {
  assert.deepEqual(settingsProblems("beacon", {}, { functions: {} }),
    ['function "beacon" has no entry in infra/required-settings.json (add it to dev.drey.miner.RequiredSettings)']);
  const required = { functions: { x: [{ anyOf: ["A"], onlyIf: { B: "kms" } }] } };
  assert.deepEqual(settingsProblems("x", { B: "file" }, required), []);
  assert.equal(settingsProblems("x", { B: "kms" }, required).length, 1);
});

test("Lambda: a local artifact, no SnapStart, $LATEST mappings or no on-failure destination are reported", async () => {
  const problems = await problemsOfDeployment((root) => {
    const main = tf(root, "modules/lambda-function/main.tf");
    replaceIn(main, 'snap_start {\n    apply_on = "PublishedVersions"\n  }', "");
    replaceIn(main, "function_name     = aws_lambda_alias.live.arn", "function_name     = aws_lambda_function.this.arn");
    replaceIn(main, "destination_config {\n    on_failure {\n      destination_arn = aws_sqs_queue.failures.arn\n    }\n  }", "");
  });
  has(problems, 'snap_start { apply_on = "PublishedVersions" } is missing');
  has(problems, "function_name must be an alias");
  has(problems, "destination_config { on_failure { destination_arn } } is missing");
});

test("Knative: a public Service, no NetworkPolicy or mesh policy, unordered or dead-letterless delivery are reported", async () => {
  const problems = await problemsOfDeployment((root) => {
    const main = tf(root, "modules/knative-function/main.tf");
    replaceIn(main, 'cluster_local  = { "networking.knative.dev/visibility" = "cluster-local" }', "cluster_local  = {}");
    replaceIn(main, '"kafka.eventing.knative.dev/delivery.order" = "ordered"', '"kafka.eventing.knative.dev/delivery.order" = "unordered"');
    replaceIn(main, 'backoffPolicy = "exponential"', "");
    replaceIn(main, 'mtls     = { mode = "STRICT" }', 'mtls     = { mode = "PERMISSIVE" }');
    replaceIn(main, 'match_labels = { "serving.knative.dev/service" = var.name }', 'match_labels = { "app" = "other" }');
    replaceIn(main, "name       = var.dead_letter_sink.name", "");
  });
  has(problems, "is not labelled networking.knative.dev/visibility: cluster-local");
  has(problems, "no NetworkPolicy selects");
  has(problems, "no PeerAuthentication with mtls.mode STRICT");
  has(problems, 'delivery.order must be "ordered"');
  has(problems, "backoffPolicy must be exponential or linear");
  has(problems, "deadLetterSink.ref is missing");
});

test("Dockerfiles: root user, no health check, no quarkus-app, an unnamed base image are reported", () => {
  const good = readFileSync(join(repo, "relay-ingest/Dockerfile"), "utf8");
  assert.deepEqual(dockerfileProblems(good), []);
  assert.ok(dockerfileProblems(good.replace("USER 10001:10001", "USER root")).some((p) => p.includes("is root")));
  assert.ok(dockerfileProblems(good.replace(/^USER .*$/m, "")).some((p) => p.includes("no USER")));
  assert.ok(dockerfileProblems(good.replace(/HEALTHCHECK[^]*?\|\| exit 1/, "")).some((p) => p.includes("no HEALTHCHECK")));
  assert.ok(dockerfileProblems(good.replaceAll("target/quarkus-app", "target/lib")).some((p) => p.includes("quarkus-app")));
  assert.ok(dockerfileProblems(good.replace(/^FROM .*$/m, "FROM eclipse-temurin")).some((p) => p.includes("version tag")));
  assert.equal(imageName("<your-registry>/drey-relay-ingest:0.1.0"), "drey-relay-ingest");
});

test("an image a tfvars example deploys must be one of the manifest's Dockerfiles", async () => {
  const problems = await problemsOfDeployment((root) => {
    replaceIn(tf(root, "knative/terraform.tfvars.example"), "drey-relay-ingest:0.1.0", "some-other-relay:0.1.0");
  });
  has(problems, 'knative: relay_image = "<your-registry>/some-other-relay:0.1.0" is not an image');
});
