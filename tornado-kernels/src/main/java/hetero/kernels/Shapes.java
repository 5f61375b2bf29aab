package hetero.kernels;

/**
 * Host-side shape checks, run by every launcher before any device work. A kernel cannot throw,
 * so a wrong shape caught here is the difference between a clear message and silently reading
 * someone else's memory on a GPU.
 */
public final class Shapes {
    private Shapes() {
    }

    public static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, got " + value);
    }

    public static void nonNegative(String name, int value) {
        if (value < 0) throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }

    /** The array must hold exactly {@code expected} elements; {@code formula} says where that number comes from. */
    public static void length(String name, Object array, long expected, String formula) {
        if (array == null) throw new IllegalArgumentException(name + " is null; expected " + formula + " = " + expected + " elements");
        long actual = switch (array) {
            case float[] f -> f.length;
            case int[] i -> i.length;
            case double[] d -> d.length;
            case long[] l -> l.length;
            default -> throw new IllegalArgumentException(name + " must be a primitive array, got " + array.getClass().getSimpleName());
        };
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " elements, expected " + formula + " = " + expected);
        }
    }

    /** At least {@code expected} elements (a KV cache may be longer than the part in use). */
    public static void atLeast(String name, float[] array, long expected, String formula) {
        if (array == null || array.length < expected) {
            throw new IllegalArgumentException(name + " has " + (array == null ? "no" : array.length) + " elements, needs at least "
                    + formula + " = " + expected);
        }
    }

    public static void kvHeadsDivideHeads(int heads, int kvHeads) {
        positive("heads", heads);
        positive("kvHeads", kvHeads);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("kvHeads (" + kvHeads + ") must divide heads (" + heads
                    + "): query head h reads KV head h / (heads / kvHeads)");
        }
    }

    public static void atMost(String name, int value, int limit, String why) {
        if (value > limit) throw new IllegalArgumentException(name + " = " + value + " exceeds " + limit + ": " + why);
    }

    static void noAlias(String aName, Object a, String bName, Object b) {
        if (a == b) throw new IllegalArgumentException(aName + " and " + bName + " must be different arrays");
    }
}
