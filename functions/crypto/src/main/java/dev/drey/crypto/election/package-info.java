/**
 * Election cryptography on secp256k1, after the ElectionGuard 2.x design (its integer group replaced by the curve):
 * exponential ElGamal under a threshold election key, disjunctive Chaum–Pedersen range proofs (0/1 per selection,
 * 0..L for a ballot's selection limit) bound to a caller-given context, single and batch ballot verification, the
 * homomorphic tally and its hash, threshold decryption with Chaum–Pedersen proofs, and a bounded discrete log.
 *
 * <p>Plain deterministic Java: randomness is always passed in, nothing reads a clock, nothing is global.
 * Points travel as 33-byte compressed encodings and are strictly decoded (on the curve, never infinity).
 */
package dev.drey.crypto.election;
