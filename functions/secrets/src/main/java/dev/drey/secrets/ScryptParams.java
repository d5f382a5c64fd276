package dev.drey.secrets;

/**
 * scrypt's cost: N = 2^logN, block size r, parallelism p; memory is 128·N·r bytes. The default (2^17, 8, 1:
 * 128 MiB, about half a second) follows the scrypt paper's interactive-login advice scaled up for files
 * opened once per process start. Files carry their parameters; reading refuses costs beyond {@link #MAX_MEMORY}
 * so a hostile file cannot exhaust memory.
 */
public record ScryptParams(int logN, int r, int p) {
    public static final ScryptParams DEFAULT = new ScryptParams(17, 8, 1);
    public static final long MAX_MEMORY = 1L << 30;

    public ScryptParams {
        if (logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
            throw new SecretStoreException("scrypt parameters out of range: logN " + logN + " (10..22), r " + r
                    + " (1..32), p " + p + " (1..16)");
        }
        if (128L * r * (1L << logN) > MAX_MEMORY) {
            throw new SecretStoreException("scrypt parameters need more than " + (MAX_MEMORY >> 20) + " MiB");
        }
    }
}
