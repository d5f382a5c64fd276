// An independent nostr client (nostr-tools over ws) driving Drey Miner's relay: no code of ours.
// Reads {url, keys:{alice,bob,carol,mallory}, contents:[...]} on stdin, runs each scenario against
// the running relay and writes what it observed as JSON on stdout; the Java test judges it.
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { finalizeEvent, generateSecretKey, getEventHash, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import WebSocket from 'ws';

const hexToBytes = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));

useWebSocketImplementation(WebSocket);

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (c) => (data += c));
  process.stdin.on('end', () => resolve(data));
}));
const sk = Object.fromEntries(Object.entries(input.keys).map(([k, v]) => [k, hexToBytes(v)]));
const pk = Object.fromEntries(Object.entries(sk).map(([k, v]) => [k, getPublicKey(v)]));
const now = () => Math.floor(Date.now() / 1000);

async function connect() {
  const relay = await Relay.connect(input.url);
  for (let i = 0; i < 200 && !relay.challenge; i++) await new Promise((r) => setTimeout(r, 10));
  if (!relay.challenge) throw new Error('no AUTH challenge from the relay');
  return relay;
}

async function authed(name) {
  const relay = await connect();
  await relay.auth(async (t) => finalizeEvent(t, sk[name]));
  return relay;
}

const outcome = (p) => p.then((reason) => ({ ok: true, reason }), (e) => ({ ok: false, reason: String(e.message || e) }));

// Stored events then EOSE; anything else (CLOSED, timeout) is reported. nostr-tools also calls
// oneose when its EOSE timer runs out, so an EOSE that comes that late does not count.
const EOSE_TIMEOUT = 8000;
function query(relay, filters) {
  return new Promise((resolve) => {
    const events = [];
    const started = Date.now();
    let eose = false;
    const sub = relay.subscribe(filters, {
      eoseTimeout: EOSE_TIMEOUT,
      onevent: (e) => events.push(e),
      oneose: () => {
        eose = Date.now() - started < EOSE_TIMEOUT - 500;
        resolve({ eose, events });
        sub.close();
      },
      onclose: (reason) => resolve({ eose, closed: reason, events }),
    });
  });
}

const note = (name, content, extra = {}) =>
  finalizeEvent({ kind: 1, created_at: now(), tags: [], content, ...extra }, sk[name]);

const scenarios = {
  async writeThenRead() {
    const relay = await authed('alice');
    const ev = note('alice', 'hello from nostr-tools');
    const published = await outcome(relay.publish(ev));
    const read = await query(relay, [{ ids: [ev.id] }]);
    relay.close();
    return { id: ev.id, published, ...read };
  },
  async blockedAuthor() {
    const relay = await connect();
    const r = await outcome(relay.publish(note('mallory', 'not a member')));
    relay.close();
    return r;
  },
  async badIdAndSignature() {
    const relay = await connect();
    const good = note('alice', 'original');
    const badId = await outcome(relay.publish({ ...good, content: 'tampered' }));
    const flipped = good.sig.slice(0, 10) + (good.sig[10] === '0' ? '1' : '0') + good.sig.slice(11);
    const badSig = await outcome(relay.publish({ ...good, sig: flipped }));
    relay.close();
    return { badId, badSig };
  },
  async reqBeforeAuth() {
    const relay = await connect();
    const r = await query(relay, [{ kinds: [1] }]);
    relay.close();
    return r;
  },
  async auth() {
    const results = {};
    const attempts = {
      success: (t) => t,
      wrongChallenge: (t) => ({ ...t, tags: t.tags.map((x) => (x[0] === 'challenge' ? ['challenge', 'not-it'] : x)) }),
      wrongRelay: (t) => ({ ...t, tags: t.tags.map((x) => (x[0] === 'relay' ? ['relay', 'wss://elsewhere.example'] : x)) }),
      wrongKind: (t) => ({ ...t, kind: 1 }),
      stale: (t) => ({ ...t, created_at: now() - 3600 }),
    };
    for (const [name, mutate] of Object.entries(attempts)) {
      const relay = await connect();
      results[name] = await outcome(relay.auth(async (t) => finalizeEvent(mutate(t), sk.alice)));
      relay.close();
    }
    const relay = await connect();
    results.nonMember = await outcome(relay.auth(async (t) => finalizeEvent(t, sk.mallory)));
    // A non-member's AUTH does not open reads.
    results.nonMemberRead = await query(relay, [{ kinds: [1] }]);
    relay.close();
    return results;
  },
  async trickyContent() {
    const relay = await authed('bob');
    const sent = [];
    for (const content of input.contents) {
      const ev = note('bob', content);
      sent.push({ id: ev.id, content, published: await outcome(relay.publish(ev)) });
    }
    const read = await query(relay, [{ ids: sent.map((s) => s.id) }]);
    relay.close();
    return {
      sent,
      received: read.events.map((e) => ({ id: e.id, content: e.content, hash: getEventHash(e), valid: verifyEvent(e) })),
      eose: read.eose,
    };
  },
  async giftWrap() {
    const sender = await authed('alice');
    const bob = await authed('bob');
    const carol = await authed('carol');
    const wrap = finalizeEvent({ kind: 1059, created_at: now(), tags: [['p', pk.bob]], content: 'sealed' },
      generateSecretKey());
    const unauthenticated = await connect();
    const fromAnonymous = await outcome(unauthenticated.publish(wrap));
    unauthenticated.close();
    const published = await outcome(sender.publish(wrap));
    const toBob = await query(bob, [{ kinds: [1059], '#p': [pk.bob] }]);
    const toCarol = await query(carol, [{ kinds: [1059] }]);
    [sender, bob, carol].forEach((r) => r.close());
    return { id: wrap.id, fromAnonymous, published, bob: toBob.events.map((e) => e.id), carol: toCarol.events.map((e) => e.id) };
  },
  async filters() {
    const relay = await authed('alice');
    const tag = 'filters-' + Math.random().toString(16).slice(2);
    const base = now() - 100;
    const sent = [];
    for (let i = 0; i < 6; i++) {
      const ev = finalizeEvent({ kind: i % 2 === 1 ? 7 : 1, created_at: base + i,
        tags: [['t', tag], ['x', 'v' + (i % 3)]], content: 'filter ' + i }, sk.alice);
      sent.push({ id: ev.id, published: await outcome(relay.publish(ev)) });
    }
    const ids = async (filters) => (await query(relay, filters)).events.map((e) => e.id);
    const r = {
      sent,
      sinceUntil: await ids([{ '#t': [tag], since: base + 1, until: base + 3 }]),
      limit: await ids([{ '#t': [tag], limit: 2 }]),
      tagAndKind: await ids([{ '#t': [tag], kinds: [7] }]),
      twoTags: await ids([{ '#t': [tag], '#x': ['v0'] }]),
      tagValuesOr: await ids([{ '#t': [tag], '#x': ['v1', 'v2'], until: base + 2 }]),
      filtersOr: await ids([{ '#t': [tag], kinds: [7], until: base + 1 }, { '#t': [tag], kinds: [1], since: base + 4 }]),
      authorsAndKinds: await ids([{ authors: [pk.alice], kinds: [7], '#t': [tag], limit: 1 }]),
    };
    relay.close();
    return r;
  },
  async replaceable() {
    const relay = await authed('carol');
    const meta = (t, name) => finalizeEvent({ kind: 0, created_at: t, tags: [], content: JSON.stringify({ name }) }, sk.carol);
    const middle = meta(now() - 10, 'middle');
    const older = meta(now() - 20, 'older');
    const newest = meta(now() - 5, 'newest');
    const publishedMiddle = await outcome(relay.publish(middle));
    const publishedOlder = await outcome(relay.publish(older));
    const afterOlder = (await query(relay, [{ kinds: [0], authors: [pk.carol] }])).events.map((e) => e.id);
    const publishedNewest = await outcome(relay.publish(newest));
    const afterNewest = (await query(relay, [{ kinds: [0], authors: [pk.carol] }])).events.map((e) => e.id);
    const addr = (t, d, content) => finalizeEvent({ kind: 30001, created_at: t, tags: [['d', d]], content }, sk.carol);
    const x1 = addr(now() - 10, 'x', 'x1');
    const x2 = addr(now() - 5, 'x', 'x2');
    const y1 = addr(now() - 8, 'y', 'y1');
    for (const e of [x1, x2, y1]) await outcome(relay.publish(e));
    const x0 = addr(now() - 30, 'x', 'x0');
    const publishedX0 = await outcome(relay.publish(x0));
    const addressable = (await query(relay, [{ kinds: [30001], authors: [pk.carol] }])).events.map((e) => e.content);
    relay.close();
    return { middle: middle.id, older: older.id, newest: newest.id, publishedMiddle, publishedOlder, publishedNewest,
      publishedX0, afterOlder, afterNewest, addressable };
  },
  async ephemeral() {
    const reader = await authed('bob');
    const writer = await authed('alice');
    const got = [];
    await new Promise((resolve) => {
      reader.subscribe([{ kinds: [20001], authors: [pk.alice] }], {
        eoseTimeout: EOSE_TIMEOUT, onevent: (e) => got.push(e.id), oneose: () => resolve(),
      });
    });
    const ev = finalizeEvent({ kind: 20001, created_at: now(), tags: [], content: 'typing...' }, sk.alice);
    const published = await outcome(writer.publish(ev));
    for (let i = 0; i < 200 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const stored = await query(writer, [{ ids: [ev.id] }]);
    reader.close();
    writer.close();
    return { id: ev.id, published, live: got, stored: stored.events.map((e) => e.id) };
  },
  async duplicates() {
    const relay = await authed('alice');
    const ev = note('alice', 'twice');
    const first = await outcome(relay.publish(ev));
    const second = await outcome(relay.publish(ev));
    const read = await query(relay, [{ ids: [ev.id] }]);
    relay.close();
    return { first, second, count: read.events.length };
  },
  async limits() {
    const relay = await authed('alice');
    const manyTags = finalizeEvent({ kind: 1, created_at: now(), tags: Array.from({ length: 2001 }, (_, i) => ['t', 't' + i]),
      content: 'tags' }, sk.alice);
    const tooManyTags = await outcome(relay.publish(manyTags));
    const future = await outcome(relay.publish(finalizeEvent({ kind: 1, created_at: now() + 3600, tags: [],
      content: 'from the future' }, sk.alice)));
    const huge = await outcome(relay.publish(note('alice', 'x'.repeat(140 * 1024))));
    const tooManyFilters = await query(relay, Array.from({ length: 21 }, () => ({ kinds: [1] })));
    const stillServing = await query(relay, [{ kinds: [1], limit: 1 }]);
    relay.close();
    return { tooManyTags, future, huge, tooManyFilters: tooManyFilters.closed || null, stillServing: stillServing.eose };
  },
  async live() {
    const reader = await authed('carol');
    const writer = await authed('alice');
    const tag = 'live-' + Math.random().toString(16).slice(2);
    const got = [];
    let eose = false;
    const started = Date.now();
    await new Promise((resolve) => {
      reader.subscribe([{ kinds: [1], '#t': [tag] }], {
        eoseTimeout: EOSE_TIMEOUT,
        onevent: (e) => got.push(e.id),
        oneose: () => { eose = Date.now() - started < EOSE_TIMEOUT - 500; resolve(); },
      });
    });
    const ev = note('alice', 'after EOSE', { tags: [['t', tag]] });
    await writer.publish(ev);
    for (let i = 0; i < 200 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    reader.close();
    writer.close();
    return { eose, id: ev.id, got };
  },
};

const out = {};
for (const [name, run] of Object.entries(scenarios)) {
  try {
    out[name] = await run();
  } catch (e) {
    out[name] = { error: String(e.stack || e) };
  }
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
