package hetero.runtime.backend;

/** Facts about the host arrays kernels take (float[], int[], long[], double[]). */
public final class HostArrays {
    private HostArrays() {
    }

    /** Size of the array's data in bytes. */
    public static long bytes(Object a) {
        return switch (a) {
            case float[] f -> 4L * f.length;
            case int[] i -> 4L * i.length;
            case long[] l -> 8L * l.length;
            case double[] d -> 8L * d.length;
            default -> throw new IllegalArgumentException("not a kernel array: " + a);
        };
    }
}
