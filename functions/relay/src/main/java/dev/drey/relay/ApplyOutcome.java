package dev.drey.relay;

/** What the index did with one record. */
public enum ApplyOutcome {
    /** New and stored; live subscribers should see it. */
    STORED,
    /** The index already had this id (a replayed or repeated record). */
    DUPLICATE,
    /** A replaceable or addressable event no newer than the one the index keeps. */
    SUPERSEDED,
    /** Ephemeral kinds are never stored. */
    EPHEMERAL
}
