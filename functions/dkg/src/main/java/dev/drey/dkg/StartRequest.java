package dev.drey.dkg;

import dev.drey.crypto.pairing.PairingCurve;
import dev.drey.crypto.pairing.PairingCurves;
import dev.drey.crypto.pairing.PairingException;

/**
 * Asks the roster to run a DKG (kind 3410, type "start"): which key, the threshold, the participants. Its
 * event id is the run id, so no two runs can share one. {@code curve} is empty for the FROST key.
 */
public record StartRequest(String runId, KeyType keyType, String curve, int threshold, Roster roster)
        implements DkgMessage {
    public static final String TYPE = "start";

    public StartRequest {
        DkgChecks.runId(runId);
        if (keyType == null || roster == null || curve == null) {
            throw new DkgMessageException("start request: missing field");
        }
        if (threshold < 2 || threshold > roster.size()) {
            throw new DkgMessageException("start request: threshold must be in 2.." + roster.size() + ", got "
                    + threshold);
        }
        if (keyType == KeyType.DTA) {
            try {
                curve = PairingCurves.byName(curve).id();
            } catch (PairingException e) {
                throw new DkgMessageException("start request: " + e.getMessage());
            }
        } else if (!curve.isEmpty()) {
            throw new DkgMessageException("start request: a curve is named only for the dta key");
        }
    }

    /** The pairing curve of a DTA run (named in the request) or a beacon run (always BLS12-381). */
    public PairingCurve pairingCurve() {
        if (keyType == KeyType.BEACON_BLS12381) {
            return PairingCurves.BLS381;
        }
        if (keyType != KeyType.DTA) {
            throw new IllegalStateException("not a pairing-group run");
        }
        return PairingCurves.byName(curve);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int kind() {
        return DkgKinds.ROUND1;
    }
}
