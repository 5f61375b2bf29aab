package hetero.runtime.backend.jvm;

/**
 * The device contract's integer division, for kernels run on the JVM: what the rewritten bytecode
 * calls instead of idiv / irem / ldiv / lrem (see {@link DeviceBytecode}). Everything else Java
 * already does as devices do (wrapping, shift masks, saturating casts).
 */
public final class DeviceArithmetic {
    private DeviceArithmetic() {
    }

    /** x / 0 gives 0 (a device cannot throw); MIN_VALUE / -1 wraps as in Java. */
    public static int idiv(int a, int b) {
        return b == 0 ? 0 : a / b;
    }

    public static int irem(int a, int b) {
        return b == 0 ? 0 : a % b;
    }

    public static long ldiv(long a, long b) {
        return b == 0 ? 0 : a / b;
    }

    public static long lrem(long a, long b) {
        return b == 0 ? 0 : a % b;
    }
}
