/**
 * JMH benchmarks, run on demand only (never by the build or CI):
 *
 * <pre>
 * mvn -B -q -pl functions/bench -am package -DskipTests
 * java -jar functions/bench/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.drey.bench.Bip340Bench}: BIP-340 sign and verify, pure Java (BouncyCastle)
 *       against libsecp256k1, on the same inputs.</li>
 *   <li>{@link dev.drey.bench.EventBench}: an EVENT message parsed, its id recomputed and its
 *       signature verified, against raw libsecp256k1 verify of the same signature.</li>
 * </ul>
 */
package dev.drey.bench;
