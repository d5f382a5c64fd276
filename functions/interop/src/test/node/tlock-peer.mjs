// An independent time-lock peer for Drey Miner's interop tests: tlock-js (age + tlock IBE) and drand-client's
// beacon verification behind it, with @noble/curves for the chain's key and beacons. No code of ours.
// Reads one JSON request on stdin, writes one JSON answer on stdout.
import tlock from 'tlock-js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { createHash } from 'node:crypto';
import { hexToBytes, bytesToHex } from '@noble/curves/utils.js';

// tlock-js logs each beacon it fetches with console.log: keep stdout for the answer.
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');

const DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';
const sigs = bls12_381.shortSignatures;
const sha256 = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

function roundMessage(round) {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(round));
  return sha256(b);
}

// A drand-client ChainClient over a fixed chain info and beacon list: tlock-js's "custom chain" mode, in process.
function client(chainInfo, beacons) {
  return {
    options: { disableBeaconVerification: false, noCache: true },
    chain: () => ({ baseUrl: 'in-process', info: async () => chainInfo }),
    latest: async () => beacons[beacons.length - 1],
    get: async (round) => {
      const b = beacons.find((x) => x.round === round);
      if (!b) throw new Error(`no beacon for round ${round}`);
      return b;
    },
  };
}

// Each op takes a list, so a test pays for one Node start per op, not per case.
const ops = {
  // plain BLS keys' public keys (G2) and their signatures of rounds (G1), as a drand chain signs them
  beacons: ({ secretKeys, rounds }) =>
    secretKeys.map((secretKey) => {
      const sk = hexToBytes(secretKey);
      return {
        publicKey: sigs.getPublicKey(sk).toHex(true),
        beacons: rounds.map((round) => {
          const signature = sigs.sign(sigs.hash(roundMessage(round), DST), sk).toBytes(true);
          return { round, randomness: bytesToHex(sha256(signature)), signature: bytesToHex(signature) };
        }),
      };
    }),
  encrypt: async ({ chainInfo, round, plaintexts }) =>
    Promise.all(plaintexts.map((p) => tlock.timelockEncrypt(round, Buffer.from(p, 'hex'), client(chainInfo, [])))),
  decrypt: async ({ chainInfo, cases }) =>
    Promise.all(cases.map(async ({ beacons, armor }) => {
      try {
        const plaintext = await tlock.timelockDecrypt(armor, client(chainInfo, beacons));
        return { ok: true, plaintext: Buffer.from(plaintext).toString('hex') };
      } catch (e) {
        return { ok: false, error: String(e.message || e) };
      }
    })),
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const req = JSON.parse(input);
  const op = ops[req.op];
  if (!op) {
    process.stderr.write(`unknown op ${req.op}\n`);
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(await op(req)));
});
