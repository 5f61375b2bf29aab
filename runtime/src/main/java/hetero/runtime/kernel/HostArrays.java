package hetero.runtime.kernel;

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

    /** A zero-filled array of the same kind and size (the jvm backend's device copy). */
    public static Object newLike(Object a) {
        return switch (a) {
            case uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray n -> {
                try {
                    yield n.getClass().getConstructor(int.class).newInstance(n.getSize());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot allocate a " + n.getClass().getSimpleName(), e);
                }
            }
            default -> java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), java.lang.reflect.Array.getLength(a));
        };
    }

    /** Copies every element of one array into another of the same kind and size. */
    public static void copy(Object from, Object to) {
        if (from instanceof uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray f
                && to instanceof uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray t) {
            java.lang.foreign.MemorySegment.copy(f.getSegment(), 0, t.getSegment(), 0, f.getNumBytesOfSegment());
        } else {
            System.arraycopy(from, 0, to, 0, java.lang.reflect.Array.getLength(from));
        }
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
