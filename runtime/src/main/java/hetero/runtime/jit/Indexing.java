package hetero.runtime.jit;

/**
 * How a compiled kernel computes its array indices. Both variants keep Java's results; the session
 * launches OVERFLOW_FREE only where {@link IndexCheck} proves, from the launch's scalar arguments,
 * array lengths and grid, that no index expression of the kernel wraps (see {@link OverflowFreeIndexing}).
 */
public enum Indexing {
    /** Java's 32-bit wrapping index arithmetic, sign-extended at each access: right for every launch. */
    EXACT,
    /** Index arithmetic widened to 64 bits with no wrap casts: right only where the launch check holds. */
    OVERFLOW_FREE;

    /** The spelling in cache keys, profiles and {@code lab kernels --indexing}: exact, overflow-free. */
    public String spelling() {
        return this == EXACT ? "exact" : "overflow-free";
    }

    public static Indexing parse(String s) {
        for (Indexing i : values()) if (i.spelling().equals(s)) return i;
        throw new IllegalArgumentException("no indexing '" + s + "'; use exact or overflow-free");
    }
}
