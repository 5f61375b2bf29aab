package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.sweep.Param;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every kernel workload and variant on every device here, at tiny shapes; plus the rows that must be skipped. */
class KernelWorkloadsTest {
    private static final ConfigRunner RUNNER = new ConfigRunner();

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    private static Config config(String workload, String variant, String mask, int batch, int heads, int kvHeads, int dModel, int seq, String device) {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        v.put(Param.WORKLOAD, workload);
        v.put(Param.VARIANT, variant);
        v.put(Param.MASK, mask);
        v.put(Param.BATCH, batch);
        v.put(Param.HEADS, heads);
        v.put(Param.KV_HEADS, kvHeads);
        v.put(Param.D_MODEL, dModel);
        v.put(Param.SEQ, seq);
        v.put(Param.DEVICE, device);
        v.put(Param.WARMUPS, 0);
        v.put(Param.ITERATIONS, 1);
        v.put(Param.TIMEOUT, 120);
        return Config.of(v);
    }

    /**
     * seq 40 is not a multiple of flashTiled's 32-row blocks nor of the softmax group; batch 2 with
     * padding gives two different valid lengths; kvHeads 2 of 4 exercises the GQA head mapping.
     */
    private static List<Config> tinyConfigs(String device) {
        List<Config> out = new ArrayList<>();
        for (String variant : AttentionWorkload.VARIANTS) {
            for (String mask : List.of("none", "causal", "padding")) out.add(config("attention", variant, mask, 2, 4, 2, 32, 40, device));
        }
        for (String variant : SoftmaxWorkload.VARIANTS) out.add(config("softmax", variant, "none", 1, 2, 2, 32, 40, device));
        for (String variant : GemmWorkload.VARIANTS) out.add(config("gemm", variant, "none", 1, 2, 2, 48, 40, device));
        for (String variant : DecodeAttentionWorkload.VARIANTS) {
            for (String mask : List.of("none", "padding")) out.add(config("decode-attention", variant, mask, 2, 4, 1, 32, 70, device));
        }
        return out;
    }

    @Test
    void everyWorkloadAndVariantGivesAnOkRowWithSmallErrorsOnEveryDevice() {
        List<String> failures = new ArrayList<>();
        for (Device d : Devices.list()) {
            for (Config c : tinyConfigs(d.id())) {
                Outcome o = RUNNER.run(c);
                if (!(o instanceof Outcome.Ok ok)) {
                    failures.add(c.key() + ": " + o.status());
                    continue;
                }
                Accuracy a = ok.measurement().accuracy();
                // float32 kernels against float64: a few ulps of O(1) values; a wrong mask or head mapping gives O(0.1).
                if (a.checked() == Accuracy.Checked.NONE || !(a.maxAbs() < 1e-4)) failures.add(c.key() + ": max abs error " + a.maxAbs() + " " + a.checked());
                Costs k = ok.measurement().costs();
                if (k.flops() <= 0 || k.bytesMoved() <= 0 || ok.measurement().deviceBytes() <= 0) failures.add(c.key() + ": empty costs " + k);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void invalidCombinationsAreSkippedWithTheReason() {
        assertSkipped(config("attention", "flash", "none", 1, 4, 3, 32, 8, "jvm"), "does not divide heads");
        assertSkipped(config("decode-attention", "group", "none", 1, 4, 3, 32, 8, "jvm"), "does not divide heads");
        assertSkipped(config("attention", "flash", "none", 1, 4, 4, 30, 8, "jvm"), "does not divide dModel");
        assertSkipped(config("attention", "flashTiled", "none", 1, 1, 1, 256, 8, "jvm"), "dHead <= 128");
        assertSkipped(config("attention", "cosine", "none", 1, 4, 4, 32, 8, "jvm"), "variants");
        assertSkipped(config("softmax", "online", "causal", 1, 4, 4, 32, 8, "jvm"), "mask none only");
        assertSkipped(config("gemm", "flash", "none", 1, 4, 4, 32, 8, "jvm"), "variants");
        assertSkipped(config("decode-attention", "loop", "causal", 1, 4, 4, 32, 8, "jvm"), "no causal mask");
        assertSkipped(config("attention", "flash", "none", 1, 4, 4, 32, JvmLimit.DEFAULT_SEQ * 2, "jvm"), "jvm device cap");
        assertSkipped(config("gemm", "naive", "none", 1, 4, 4, 4096, 1024, "jvm"), "GFLOP");
        // The jvm caps apply to the jvm device only.
        assertNull(Workloads.get("attention").unsupported(config("attention", "flash", "none", 1, 4, 4, 32, 4096, "opencl:0:0")));
    }

    private static void assertSkipped(Config c, String reasonPart) {
        Outcome o = RUNNER.run(c);
        assertInstanceOf(Outcome.Skipped.class, o, c.key());
        assertTrue(o.status().contains(reasonPart), o.status());
    }

    @Test
    void costsFollowTheDocumentedFormulas() {
        Config full = config("attention", "flash", "none", 2, 4, 2, 32, 40, "jvm");
        var s = AttentionWorkload.shape(full);
        assertEquals(4.0 * 2 * 4 * 40 * 40 * 8, AttentionWorkload.flops(s));
        assertEquals(AttentionWorkload.flops(s) / 2, AttentionWorkload.flops(AttentionWorkload.shape(config("attention", "flash", "causal", 2, 4, 2, 32, 40, "jvm"))));
        // padding: 30 and 20 of 40 keys are real.
        assertEquals(4.0 * 4 * 40 * (30 + 20) * 8, AttentionWorkload.flops(AttentionWorkload.shape(config("attention", "flash", "padding", 2, 4, 2, 32, 40, "jvm"))));

        // Decode: the KV cache shrinks by heads / kvHeads (MHA -> GQA -> MQA) and bytes moved with it.
        long mha = kvCacheBytes(config("decode-attention", "loop", "none", 1, 4, 4, 32, 64, "jvm"));
        long mqa = kvCacheBytes(config("decode-attention", "loop", "none", 1, 4, 1, 32, 64, "jvm"));
        assertEquals(2L * 4 * 64 * 8 * 4, mha);
        assertEquals(mha / 4, mqa);
    }

    private static long kvCacheBytes(Config c) {
        Outcome o = RUNNER.run(c);
        return assertInstanceOf(Outcome.Ok.class, o, o.status()).measurement().costs().kvCacheBytes();
    }

    @Test
    void largeOutputsAreCheckedOnSampledRows() {
        int[] rows = RowSample.chosen(1000, 5);
        assertArrayEquals(new int[]{0, 249, 499, 749, 999}, rows);
        assertEquals(7, RowSample.chosen(7, 256).length);
        // 2 * 4 * 40 = 320 attention rows > 256: sampled, and says so.
        Outcome o = RUNNER.run(config("attention", "flash", "causal", 2, 4, 2, 32, 40, "jvm"));
        assertEquals(Accuracy.Checked.SAMPLE, assertInstanceOf(Outcome.Ok.class, o).measurement().accuracy().checked());
    }

    @Test
    void aWrongResultIsCaught() {
        float[] got = {1, 2, 3, 4};
        Accuracy a = RowSample.check(2, 2, got, r -> r == 0 ? new float[]{1, 2} : new float[]{3, 4.5f});
        assertEquals(0.5, a.maxAbs(), 1e-12);
        assertEquals(Accuracy.Checked.FULL, a.checked());
    }
}
