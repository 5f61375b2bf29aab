package hetero.runtime.backend;

/**
 * Facts about the host arrays kernels take: float[], int[], long[], double[], and TornadoVM's
 * off-heap arrays (FloatArray, IntArray, ...).
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** Whether a kernel argument is an array (device buffer) rather than a scalar or a KernelContext. */
    public static boolean isArray(Object a) {
        return a instanceof float[] || a instanceof int[] || a instanceof long[] || a instanceof double[]
                || a instanceof short[] || a instanceof byte[] || a instanceof char[]
                || a instanceof uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;
    }

    /** Number of elements. */
    public static int length(Object a) {
        if (a instanceof uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray n) return n.getSize();
        return java.lang.reflect.Array.getLength(a);
    }

    /** Size of the array's data in bytes. */
    public static long bytes(Object a) {
        return switch (a) {
            case float[] f -> 4L * f.length;
            case int[] i -> 4L * i.length;
            case long[] l -> 8L * l.length;
            case double[] d -> 8L * d.length;
            case short[] s -> 2L * s.length;
            case byte[] b -> b.length;
            case char[] c -> 2L * c.length;
            case uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray n -> n.getNumBytesOfSegment();
            default -> throw new IllegalArgumentException("not a kernel array: " + a);
        };
    }
}
