package dev.drey.dkg;

import dev.drey.nostr.StrictContent;

/** The DKG's strict JSON reader (message contents and the stored run state); refusals are {@link DkgMessageException}s. */
final class DkgJson {
    static final StrictContent READ = new StrictContent(256 * 1024, 6, DkgMessageException::new);

    private DkgJson() {
    }
}
