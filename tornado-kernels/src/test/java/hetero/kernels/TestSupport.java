package hetero.kernels;

import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/** Random data, device lists and tolerance checks shared by the kernel tests. */
final class TestSupport {
    private TestSupport() {
    }

    /** Every device this machine has (jvm always; opencl/ptx where available). */
    static List<Device> devices() {
        return Devices.list();
    }

    static float[] random(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian());
        return x;
    }

    /**
     * Element-wise |actual - expected| <= atol + rtol * |expected|, with a message naming the
     * worst element.
     */
    static void assertClose(String what, float[] expected, float[] actual, double atol, double rtol) {
        if (expected.length != actual.length) fail(what + ": length " + actual.length + ", expected " + expected.length);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            double allowed = atol + rtol * Math.abs(expected[i]);
            if (!(diff <= allowed)) {
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " is " + actual[worst] + ", expected " + expected[worst]
                    + " (atol " + atol + ", rtol " + rtol + ")");
        }
    }
}
