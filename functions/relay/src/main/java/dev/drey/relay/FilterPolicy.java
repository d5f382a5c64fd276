package dev.drey.relay;

import dev.drey.nostr.Filter;
import java.util.List;
import java.util.Optional;

/** One rule a REQ's filters must pass (like khatru's RejectFilter hooks); a rejection closes it. */
@FunctionalInterface
public interface FilterPolicy {

    Optional<Rejection> check(List<Filter> filters, SessionContext session);

    default FilterPolicy andThen(FilterPolicy next) {
        return (filters, session) -> {
            Optional<Rejection> r = check(filters, session);
            return r.isPresent() ? r : next.check(filters, session);
        };
    }

    static FilterPolicy acceptAll() {
        return (filters, session) -> Optional.empty();
    }

    static FilterPolicy inOrder(List<FilterPolicy> policies) {
        FilterPolicy all = acceptAll();
        for (FilterPolicy p : policies) {
            all = all.andThen(p);
        }
        return all;
    }
}
