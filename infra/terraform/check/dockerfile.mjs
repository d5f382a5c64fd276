// Container images: infra/functions.json's "images" names each deployable's Dockerfile; each must
// build the Quarkus JVM layout as a non-root user with a health check, and every image an
// environment's terraform.tfvars.example deploys (relay_image, function_images) must be one of them.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

/** Instructions of a Dockerfile: [{ op, args }] with continuation lines joined and comments dropped. */
export function parseDockerfile(text) {
  const out = [];
  let pending = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    const m = /^([A-Za-z]+)\s+(.*)$/s.exec(full);
    if (m) out.push({ op: m[1].toUpperCase(), args: m[2].trim() });
  }
  return out;
}

/** What is wrong with one Dockerfile for a Quarkus JVM deployable. */
export function dockerfileProblems(text) {
  const problems = [];
  const ins = parseDockerfile(text);
  const from = ins.filter((i) => i.op === "FROM");
  const base = from.at(-1)?.args.split(/\s+/).find((a) => !a.startsWith("--"));
  if (!base) problems.push("no FROM");
  else if (base === "scratch" || !/:[^/]+$|@sha256:/.test(base) || /:latest$/.test(base)) {
    problems.push(`base image "${base}" must be named with a version tag or digest (not latest)`);
  }
  const user = ins.filter((i) => i.op === "USER").at(-1)?.args.split(":")[0];
  if (!user) problems.push("no USER: the process would run as root");
  else if (user === "root" || user === "0") problems.push(`USER ${user} is root`);
  const health = ins.find((i) => i.op === "HEALTHCHECK");
  if (!health || /^NONE$/i.test(health.args)) problems.push("no HEALTHCHECK");
  else if (!health.args.includes("/q/health")) problems.push("the HEALTHCHECK does not probe /q/health");
  if (!ins.some((i) => (i.op === "COPY" || i.op === "ADD") && i.args.includes("target/quarkus-app"))) {
    problems.push("no COPY of target/quarkus-app (the Quarkus JVM layout)");
  }
  if (!ins.some((i) => i.op === "ENTRYPOINT" || i.op === "CMD")) problems.push("no ENTRYPOINT or CMD");
  return problems;
}

/** The image name of a reference: registry/path/name:tag → name. */
export const imageName = (ref) => String(ref).split("@")[0].replace(/:[^/:]*$/, "").split("/").at(-1);

function tfvarsImages(path) {
  // The example files are plain attributes; the image references are quoted strings on image lines.
  const text = readFileSync(path, "utf8");
  const refs = [];
  let inImages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*function_images\s*=\s*\{/.test(line)) inImages = true;
    else if (inImages && /^\s*\}/.test(line)) inImages = false;
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*"([^"]+)"/.exec(line);
    if (m && (inImages || m[1] === "relay_image")) refs.push({ key: inImages ? `function_images.${m[1]}` : m[1], ref: m[2] });
  }
  return refs;
}

export function checkImages(manifest, repoRoot, terraformDir) {
  const problems = [];
  const lines = [];
  const images = manifest.images ?? {};
  if (Object.keys(images).length === 0) return { problems: ['infra/functions.json has no "images"'], lines };
  for (const [name, image] of Object.entries(images)) {
    const path = join(repoRoot, image.dockerfile ?? "");
    if (!image.dockerfile || !existsSync(path)) {
      problems.push(`image ${name}: Dockerfile ${image.dockerfile} does not exist`);
      continue;
    }
    const p = dockerfileProblems(readFileSync(path, "utf8"));
    problems.push(...p.map((x) => `image ${name} (${image.dockerfile}): ${x}`));
    if (p.length === 0) lines.push(`image    ${name}: ${image.dockerfile}: named base, non-root USER, HEALTHCHECK on /q/health, quarkus-app`);
  }
  for (const env of ["aws", "knative"]) {
    const path = join(terraformDir, env, "terraform.tfvars.example");
    if (!existsSync(path)) continue;
    for (const { key, ref } of tfvarsImages(path)) {
      if (!(imageName(ref) in images)) problems.push(`${env}: ${key} = "${ref}" is not an image of infra/functions.json "images" (${Object.keys(images).join(", ")})`);
    }
  }
  return { problems, lines };
}
