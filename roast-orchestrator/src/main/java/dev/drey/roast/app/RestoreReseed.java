package dev.drey.roast.app;

import dev.drey.runtime.ReseedableRandom;
import java.util.logging.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The after-restore hook of Lambda SnapStart (CRaC's {@code org.crac} API, which Lambda's Java runtime
 * drives): every environment restored from one snapshot gets its own generator, so FROST nonces, DKG
 * polynomials and encryption nonces never repeat across restored copies. Outside a CRaC runtime the hook
 * is never called. The global context holds resources weakly: this object is kept by its CDI bean.
 */
final class RestoreReseed implements Resource {
    private static final Logger LOG = Logger.getLogger(RestoreReseed.class.getName());

    private final ReseedableRandom random;

    private RestoreReseed(ReseedableRandom random) {
        this.random = random;
    }

    /** Registers the hook for {@code random} with the process's CRaC context; the caller keeps the result. */
    static RestoreReseed register(ReseedableRandom random) {
        RestoreReseed hook = new RestoreReseed(random);
        Core.getGlobalContext().register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Nothing to drop: the generator's state is replaced after every restore.
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        random.reseed();
        LOG.info("restored from a snapshot: random source replaced with a fresh OS-seeded one (reseed "
                + random.reseeds() + ")");
    }
}
