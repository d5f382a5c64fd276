package dev.drey.crypto.election;

import dev.drey.crypto.Point;
import dev.drey.crypto.Scalar;
import java.util.HashMap;
import java.util.Map;

/**
 * Baby-step giant-step for m·G with m in 0..max: ⌈√(max+1)⌉ baby steps kept in a table, as many giant steps at
 * most. Build once per tally and solve every option with it.
 */
public final class DiscreteLog {
    /** Beyond this a tally makes no sense for a federation and the table would be large. */
    public static final long MAX_BOUND = 1L << 32;

    private final long max;
    private final long step;
    private final Map<Point, Long> baby;
    private final Point giant;

    public DiscreteLog(long max) {
        if (max < 0 || max > MAX_BOUND) {
            throw new ElectionException("discrete log: bound " + max + " outside 0.." + MAX_BOUND);
        }
        this.max = max;
        this.step = (long) Math.ceil(Math.sqrt((double) max + 1));
        this.baby = new HashMap<>((int) Math.min(Integer.MAX_VALUE / 2, step * 2));
        Point p = Point.INFINITY;
        for (long j = 0; j < step; j++) {
            baby.put(p, j);
            p = p.add(Point.G);
        }
        this.giant = Point.mulG(Scalar.of(step)).negate();
    }

    public long max() {
        return max;
    }

    /** The m in 0..max with m·G = target; a clear error when there is none. */
    public long solve(Point target) {
        Point gamma = target;
        for (long i = 0; i <= step; i++) {
            Long j = baby.get(gamma);
            if (j != null) {
                long m = i * step + j;
                if (m <= max) {
                    return m;
                }
                break;
            }
            gamma = gamma.add(giant);
        }
        throw new ElectionException("discrete log: the decrypted value is not in 0.." + max);
    }
}
