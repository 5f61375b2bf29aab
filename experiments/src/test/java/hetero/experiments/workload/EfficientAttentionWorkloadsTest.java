package hetero.experiments.workload;

import hetero.experiments.BadInputException;
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

/** The attention, scoring and dHead axes: linear, local and every scoring run on every device; bad values stop the sweep. */
class EfficientAttentionWorkloadsTest {
    private static final ConfigRunner RUNNER = new ConfigRunner();

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    private static Config config(String workload, String attention, String scoring, String variant, String mask, int heads, int kvHeads, int dHead,
                                 int seq, String device) {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        v.put(Param.WORKLOAD, workload);
        v.put(Param.ATTENTION, Param.ATTENTION.parse(attention));
        v.put(Param.SCORING, scoring);
        v.put(Param.VARIANT, variant);
        v.put(Param.MASK, mask);
        v.put(Param.BATCH, 2);
        v.put(Param.HEADS, heads);
        v.put(Param.KV_HEADS, kvHeads);
        v.put(Param.D_HEAD, dHead);
        v.put(Param.SEQ, seq);
        v.put(Param.DEVICE, device);
        v.put(Param.WARMUPS, 0);
        v.put(Param.ITERATIONS, 1);
        v.put(Param.TIMEOUT, 120);
        return Config.of(v);
    }

    @Test
    void linearLocalAndEveryScoringGiveOkRowsOnEveryDevice() {
        List<String> failures = new ArrayList<>();
        for (Device d : Devices.list()) {
            List<Config> configs = new ArrayList<>();
            // seq 70: two causal chunks of linear attention, windows cut at both ends; GQA 4 -> 2.
            for (String attention : List.of("linear", "local:16")) {
                for (String mask : List.of("none", "causal", "padding")) configs.add(config("attention", attention, "dot", "default", mask, 4, 2, 8, 70, d.id()));
            }
            configs.add(config("attention", "local:5", "cosine", "default", "causal", 4, 2, 8, 70, d.id()));
            configs.add(config("attention", "softmax", "cosine", "flash", "causal", 4, 2, 8, 40, d.id()));
            configs.add(config("attention", "softmax", "additive", "unfused", "padding", 4, 2, 8, 40, d.id()));
            for (String attention : List.of("linear", "local:16", "softmax")) configs.add(config("decode-attention", attention, "dot", "default", "none", 4, 1, 8, 70, d.id()));
            for (Config c : configs) {
                Outcome o = RUNNER.run(c);
                if (!(o instanceof Outcome.Ok ok)) {
                    failures.add(c.key() + ": " + o.status());
                    continue;
                }
                Accuracy a = ok.measurement().accuracy();
                if (a.checked() == Accuracy.Checked.NONE || !(a.maxAbs() < 1e-4)) failures.add(c.key() + ": max abs error " + a.maxAbs());
                boolean approximation = !c.attention().equals("softmax") && !(c.workload().equals("decode-attention") && c.attention().startsWith("local"));
                if (approximation != !Double.isNaN(a.diffVsSoftmax())) failures.add(c.key() + ": diff_vs_softmax " + a.diffVsSoftmax());
                if (c.attention().equals("linear") && !(a.diffVsSoftmax() > 1e-3)) failures.add(c.key() + ": linear should differ from softmax, got " + a.diffVsSoftmax());
                if (ok.measurement().costs().flops() <= 0) failures.add(c.key() + ": no flops");
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void decodeMemoryIsTheCacheTheRingOrTheConstantLinearState() {
        long softmax = kvBytes(config("decode-attention", "softmax", "dot", "default", "none", 4, 2, 8, 64, "jvm"));
        long local = kvBytes(config("decode-attention", "local:16", "dot", "default", "none", 4, 2, 8, 64, "jvm"));
        long linear = kvBytes(config("decode-attention", "linear", "dot", "default", "none", 4, 2, 8, 64, "jvm"));
        long linearLonger = kvBytes(config("decode-attention", "linear", "dot", "default", "none", 4, 2, 8, 128, "jvm"));
        assertEquals(2L * 2 * 2 * 64 * 8 * 4, softmax, "K and V: 2 * batch * kvHeads * seq * dHead * 4");
        assertEquals(softmax / 4, local, "a ring of 16 of the 64 positions");
        assertEquals(2L * 2 * 8 * 9 * 4, linear, "batch * kvHeads * dHead * (dHead + 1) * 4");
        assertEquals(linear, linearLonger, "the linear state does not grow with the sequence");
    }

    private static long kvBytes(Config c) {
        Outcome o = RUNNER.run(c);
        return assertInstanceOf(Outcome.Ok.class, o, o.status()).measurement().costs().kvCacheBytes();
    }

    @Test
    void combinationsWithoutMeaningAreSkippedWithTheReason() {
        assertSkipped(config("attention", "linear", "cosine", "default", "none", 4, 4, 8, 8, "jvm"), "no scoring choice");
        assertSkipped(config("attention", "local:4", "additive", "default", "none", 4, 4, 8, 8, "jvm"), "additive");
        assertSkipped(config("attention", "softmax", "additive", "flash", "none", 4, 4, 8, 8, "jvm"), "variant unfused only");
        assertSkipped(config("attention", "softmax", "cosine", "flashStrip", "none", 4, 4, 8, 8, "jvm"), "dot scoring only");
        assertSkipped(config("attention", "linear", "dot", "flash", "none", 4, 4, 8, 8, "jvm"), "one kernel");
        assertSkipped(config("gemm", "linear", "dot", "default", "none", 4, 4, 8, 8, "jvm"), "does not apply to workload gemm");
        assertSkipped(config("decode-attention", "linear", "cosine", "default", "none", 4, 4, 8, 8, "jvm"), "does not apply");
        assertSkipped(config("decode-attention", "linear", "dot", "default", "padding", 4, 4, 8, 8, "jvm"), "padding");
    }

    private static void assertSkipped(Config c, String reasonPart) {
        Outcome o = RUNNER.run(c);
        assertInstanceOf(Outcome.Skipped.class, o, c.key());
        assertTrue(o.status().contains(reasonPart), o.status());
    }

    @Test
    void badAxisValuesAreBadInputNamingTheParameter() {
        for (String bad : List.of("local:0", "local:x", "local", "sparse", "")) {
            var e = assertThrows(BadInputException.class, () -> Param.ATTENTION.parse(bad.isEmpty() ? " " : bad), bad);
            assertTrue(e.getMessage().startsWith("attention") || e.getMessage().contains("attention"), e.getMessage());
        }
        assertEquals("local:256", Param.ATTENTION.parse("LOCAL:256"));
        var e = assertThrows(BadInputException.class, () -> Param.SCORING.parse("bilinear"));
        assertTrue(e.getMessage().contains("scoring must be one of [dot, cosine, additive]"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Param.D_HEAD.parse("0"));
        assertTrue(e.getMessage().contains("dHead must be positive"), e.getMessage());
        assertSame(Param.D_HEAD, Param.byKey("dHead"));
    }

    @Test
    void dHeadSetsDModelOrMustAgreeWithIt() {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        v.put(Param.HEADS, 4);
        v.put(Param.D_HEAD, 32);
        assertEquals(128, Config.of(v).dModel(), "dHead without dModel: dModel = heads * dHead");
        assertNull(Config.of(v).invalidReason());
        v.put(Param.D_MODEL, 512);
        assertTrue(Config.of(v).invalidReason().contains("dHead 32 * heads 4 != dModel 512"), Config.of(v).invalidReason());
        v.remove(Param.D_HEAD);
        assertEquals(128, Config.of(v).dHead(), "default: dModel / heads");
    }
}
