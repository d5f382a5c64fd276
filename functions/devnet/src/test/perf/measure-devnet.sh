#!/usr/bin/env bash
# Wall time and peak memory (max RSS) of `drey devnet --json`, JDK 17 and JDK 25 alternating, N rounds.
# Usage (from the repo root, after ./drey has built the jar): functions/devnet/src/test/perf/measure-devnet.sh [N]
set -euo pipefail
rounds="${1:-5}"
jar="functions/cli/target/drey.jar"
jdk17="${JDK17:-java}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
out="$(mktemp -d)"
for r in $(seq 1 "$rounds"); do
  for jdk in 17 25; do
    bin=$([ "$jdk" = 17 ] && echo "$jdk17" || echo "$jdk25")
    /usr/bin/time -f "%e %M" -o "$out/time" "$bin" -Xmx2g -jar "$jar" devnet --json --data-dir "$out/devnet" \
      >"$out/summary.json" 2>/dev/null
    read -r wall rss <"$out/time"
    ms=$(node -p "const s=require('$out/summary.json'); s.ok ? s.elapsedMs : 'FAILED'")
    echo "$r $jdk $ms $wall $rss" | tee -a "$out/runs"
  done
done
node -e '
const rows=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(l=>l.split(" "));
const med=a=>{a=[...a].sort((x,y)=>x-y);const m=a.length>>1;return a.length%2?a[m]:(a[m-1]+a[m])/2;};
for (const jdk of ["17","25"]) {
  const r=rows.filter(x=>x[1]===jdk);
  console.log(`JDK ${jdk}: median elapsedMs ${med(r.map(x=>+x[2]))}, median process wall ${med(r.map(x=>+x[3]))} s, median max RSS ${Math.round(med(r.map(x=>+x[4]))/1024)} MiB, worst max RSS ${Math.round(Math.max(...r.map(x=>+x[4]))/1024)} MiB`);
}' "$out/runs"
