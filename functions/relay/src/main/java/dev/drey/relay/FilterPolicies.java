package dev.drey.relay;

import java.util.Optional;

/** The relay's standard REQ rules. */
public final class FilterPolicies {
    private FilterPolicies() {
    }

    /** Reading needs NIP-42 authentication (only allowed keys can authenticate). */
    public static FilterPolicy authRequired() {
        return (filters, session) -> session.isAuthenticated()
                ? Optional.empty()
                : Optional.of(Rejection.authRequired("this private relay serves only authenticated members"));
    }

    public static FilterPolicy limits(RelayLimits limits) {
        return (filters, session) -> filters.size() > limits.maxFilters()
                ? Optional.of(Rejection.invalid("too many filters (" + filters.size() + ", at most "
                        + limits.maxFilters() + ")"))
                : Optional.empty();
    }
}
