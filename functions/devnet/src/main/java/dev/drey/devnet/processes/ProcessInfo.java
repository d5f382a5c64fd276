package dev.drey.devnet.processes;

/** A supervised process as {@code drey devnet --json} reports it. */
public record ProcessInfo(int miner, String role, long pid, int restarts, String metricsUrl) {
}
