// An independent nostr peer for Drey Miner's interop tests: nostr-tools and @noble/curves,
// no code of ours. Reads one JSON request on stdin, writes one JSON answer on stdout.
import { getEventHash, verifyEvent, finalizeEvent, getPublicKey } from 'nostr-tools/pure';
import * as nip44 from 'nostr-tools/nip44';
import * as nip19 from 'nostr-tools/nip19';
import * as kinds from 'nostr-tools/kinds';
import { schnorr } from '@noble/curves/secp256k1.js';
import { hexToBytes, bytesToHex } from '@noble/curves/utils.js';

const ops = {
  // NIP-88, read as a client would: a poll is kind 1068 (kinds.Poll) with option tags [option, id, label]
  // (distinct ids), a polltype of singlechoice or multiplechoice (default singlechoice) and a numeric endsAt;
  // a response is kind 1018 citing the poll in an e tag with response tags naming option ids
  nip88Poll: ({ event }) => {
    const problems = [];
    if (event.kind !== kinds.Poll) problems.push(`kind ${event.kind} is not kinds.Poll (${kinds.Poll})`);
    const options = event.tags.filter((t) => t[0] === 'option');
    if (options.length === 0) problems.push('no option tags');
    for (const t of options) if (t.length < 3 || !t[1] || !t[2]) problems.push(`option tag ${JSON.stringify(t)}`);
    if (new Set(options.map((t) => t[1])).size !== options.length) problems.push('option ids repeat');
    const polltype = (event.tags.find((t) => t[0] === 'polltype') || [])[1] || 'singlechoice';
    if (!['singlechoice', 'multiplechoice'].includes(polltype)) problems.push(`polltype ${polltype}`);
    const endsAt = (event.tags.find((t) => t[0] === 'endsAt') || [])[1];
    if (endsAt !== undefined && !/^[0-9]+$/.test(endsAt)) problems.push(`endsAt ${endsAt}`);
    return { valid: verifyEvent({ ...event }), problems, polltype, endsAt: endsAt === undefined ? null : Number(endsAt),
      options: options.map((t) => ({ id: t[1], label: t[2] })) };
  },
  // ids as nostr-tools computes them, and whether it accepts each event
  verifyEvents: ({ events }) =>
    events.map((ev) => ({ id: getEventHash(ev), valid: verifyEvent({ ...ev }) })),
  // events signed by nostr-tools from templates
  makeEvents: ({ secretKey, templates }) =>
    templates.map((t) => finalizeEvent({ ...t }, hexToBytes(secretKey))),
  publicKey: ({ secretKey }) => ({ publicKey: getPublicKey(hexToBytes(secretKey)) }),
  nip44Encrypt: ({ secretKey, peer, plaintexts }) => {
    const key = nip44.getConversationKey(hexToBytes(secretKey), peer);
    return plaintexts.map((p) => nip44.encrypt(p, key));
  },
  nip44Decrypt: ({ secretKey, peer, payloads }) => {
    const key = nip44.getConversationKey(hexToBytes(secretKey), peer);
    return payloads.map((p) => {
      try {
        return { ok: true, plaintext: nip44.decrypt(p, key) };
      } catch (e) {
        return { ok: false, error: String(e.message || e) };
      }
    });
  },
  // encrypted events addressed to secretKey (p tag): check the event, then NIP-44 decrypt its content
  // with the conversation key of the recipient and the event's author
  openEvents: ({ secretKey, events }) => {
    const me = getPublicKey(hexToBytes(secretKey));
    return events.map((ev) => {
      try {
        const p = ev.tags.find((t) => t[0] === 'p');
        const key = nip44.getConversationKey(hexToBytes(secretKey), ev.pubkey);
        return { valid: verifyEvent({ ...ev }), toMe: !!p && p[1] === me, plaintext: nip44.decrypt(ev.content, key) };
      } catch (e) {
        return { error: String(e.message || e) };
      }
    });
  },
  conversationKey: ({ secretKey, peer }) => ({
    conversationKey: bytesToHex(nip44.getConversationKey(hexToBytes(secretKey), peer)),
  }),
  schnorrVerify: ({ items }) =>
    items.map(({ publicKey, message, signature }) => {
      try {
        return schnorr.verify(hexToBytes(signature), hexToBytes(message), hexToBytes(publicKey));
      } catch {
        return false;
      }
    }),
  nip19Decode: ({ values }) =>
    values.map((v) => {
      try {
        const { type, data } = nip19.decode(v);
        return { ok: true, type, data: data instanceof Uint8Array ? bytesToHex(data) : data };
      } catch (e) {
        return { ok: false, error: String(e.message || e) };
      }
    }),
  nip19Encode: ({ items }) =>
    items.map(({ type, hex, relays }) => {
      switch (type) {
        case 'npub': return nip19.npubEncode(hex);
        case 'nsec': return nip19.nsecEncode(hexToBytes(hex));
        case 'note': return nip19.noteEncode(hex);
        case 'nprofile': return nip19.nprofileEncode({ pubkey: hex, relays });
        default: throw new Error('unknown type ' + type);
      }
    }),
};

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  try {
    const req = JSON.parse(input);
    const op = ops[req.op];
    if (!op) throw new Error('unknown op ' + req.op);
    process.stdout.write(JSON.stringify(op(req)));
  } catch (e) {
    process.stderr.write(String(e.stack || e));
    process.exit(3);
  }
});
