package dev.drey.devnet.processes;

/** One fault the supervisor injected: what it did, to which process, during which step, and whether it recovered. */
public record ChaosAction(String action, String target, String atStep, boolean recovered) {
}
