package dev.drey.roast;

import java.util.List;

/** The state after an input and what to do about it; {@code changed} is false when the state is the same. */
public record Transition(RunState state, List<RoastOutput> outputs, boolean changed) {
    public Transition {
        outputs = List.copyOf(outputs);
    }
}
