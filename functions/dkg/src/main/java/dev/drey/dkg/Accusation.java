package dev.drey.dkg;

/** A participant found at fault by a check, and why (public text, never a secret). */
public record Accusation(int accused, Fault fault, String detail) {
}
