// An independent drand verifier for Drey Miner's beacon interop tests: npm drand-client (its public
// fetchBeacon, which runs its verifyBeacon) and @noble/curves (bls12_381 short signatures, RFC 9380 G1 hash),
// no code of ours. Reads one JSON request on stdin, writes one JSON answer on stdout.
import { fetchBeacon } from 'drand-client';
import { bls12_381 as bls } from '@noble/curves/bls12-381.js';
import { hexToBytes, bytesToHex } from '@noble/curves/utils.js';
import { createHash } from 'node:crypto';

const BEACON_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const VRF_DST = 'DREY-VRF-V01-BLS12381G1_XMD:SHA-256_SSWU_RO_';
const sha256 = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

function roundMessage(round) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(round));
  return sha256(b);
}

// noble: the BLS equation with the key in G2 and the signature in G1, plus randomness = SHA-256(signature)
function nobleCheck(publicKey, message, dst, signature, output) {
  try {
    const ok = bls.shortSignatures.verify(hexToBytes(signature), bls.shortSignatures.hash(message, dst),
      hexToBytes(publicKey));
    return ok && bytesToHex(sha256(hexToBytes(signature))) === output;
  } catch {
    return false;
  }
}

const ops = {
  // drand-client: each beacon fetched through fetchBeacon(client, round) from an in-memory chain client that
  // serves it, so drand-client's own verification decides (it throws on an invalid beacon)
  drandClientVerify: async ({ chainInfo, beacons }) => {
    const out = [];
    for (const b of beacons) {
      const client = {
        options: { disableBeaconVerification: false, noCache: true },
        chain: () => ({ baseUrl: 'memory:', info: async () => chainInfo }),
        get: async () => ({ ...b }),
        latest: async () => ({ ...b }),
      };
      try {
        await fetchBeacon(client, b.round);
        out.push({ valid: true });
      } catch (e) {
        out.push({ valid: false, error: String(e.message || e) });
      }
    }
    return out;
  },
  nobleVerifyBeacons: ({ publicKey, beacons }) =>
    beacons.map((b) => ({ valid: nobleCheck(publicKey, roundMessage(b.round), BEACON_DST, b.signature, b.randomness) })),
  nobleVerifyVrf: ({ publicKey, evaluations }) =>
    evaluations.map((e) => ({ valid: nobleCheck(publicKey, hexToBytes(e.input), VRF_DST, e.proof, e.output) })),
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  try {
    const req = JSON.parse(input);
    const op = ops[req.op];
    if (!op) throw new Error('unknown op ' + req.op);
    process.stdout.write(JSON.stringify(await op(req)));
  } catch (e) {
    process.stderr.write(String(e.stack || e));
    process.exit(3);
  }
});
