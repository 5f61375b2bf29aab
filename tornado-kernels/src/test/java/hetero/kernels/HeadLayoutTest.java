package hetero.kernels;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Split and merge are pure copies: exact on every device. */
class HeadLayoutTest {
    @Test
    void splitThenMergeIsTheIdentityAndSplitMatchesTheReference() {
        int[][] shapes = {{1, 1, 1, 1}, {2, 5, 3, 7}, {1, 16, 4, 8}};
        for (Device d : TestSupport.devices()) {
            for (int[] s : shapes) {
                int batch = s[0], seq = s[1], heads = s[2], dHead = s[3];
                float[] x = random(7, batch * seq * heads * dHead);
                float[] split = new float[x.length], back = new float[x.length], want = new float[x.length];
                HeadLayout.referenceSplit(x, want, batch, seq, heads, dHead, seq, 0);
                HeadLayoutLaunch.split(x, split, batch, seq, heads, dHead, seq, 0).runOnce(d);
                assertClose(d.id() + " split " + Arrays.toString(s), want, split, 0, 0);
                HeadLayoutLaunch.merge(split, back, batch, seq, heads, dHead).runOnce(d);
                assertClose(d.id() + " merge " + Arrays.toString(s), x, back, 0, 0);
            }
        }
    }

    @Test
    void splitAppendsAtAnOffsetOfALongerCache() {
        int batch = 2, seq = 1, heads = 3, dHead = 5, capacity = 9, offset = 4;
        for (Device d : TestSupport.devices()) {
            float[] x = random(3, batch * seq * heads * dHead);
            float[] cache = random(4, batch * heads * capacity * dHead);
            float[] want = cache.clone();
            HeadLayout.referenceSplit(x, want, batch, seq, heads, dHead, capacity, offset);
            // the cache goes in and out, so rows the kernel must not touch are checked too
            Launch l = HeadLayoutLaunch.split(x, cache, batch, seq, heads, dHead, capacity, offset);
            TaskGraph g = new TaskGraph("append").transferToDevice(DataTransferMode.EVERY_EXECUTION, x, cache);
            l.addTo(g, "");
            g.transferToHost(DataTransferMode.EVERY_EXECUTION, cache);
            try (ExecutionPlan plan = l.applyGrids(new ExecutionPlan(g).withDevice(d), "append", "")) {
                plan.execute();
            }
            assertClose(d.id() + " append", want, cache, 0, 0);
        }
    }

    @Test
    void offsetPastTheEndIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> HeadLayoutLaunch.split(new float[6], new float[12], 1, 2, 1, 3, 4, 3));
        assertTrue(e.getMessage().contains("exceeds outSeq 4"), e.getMessage());
    }
}
