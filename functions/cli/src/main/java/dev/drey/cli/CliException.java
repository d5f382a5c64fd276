package dev.drey.cli;

/** A command failed for a reason the operator can act on; printed as JSON, exit 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
