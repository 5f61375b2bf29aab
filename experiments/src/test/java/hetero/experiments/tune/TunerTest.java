package hetero.experiments.tune;

import hetero.experiments.sweep.Param;
import hetero.experiments.workload.AttentionWorkload;
import hetero.experiments.workload.DecodeAttentionWorkload;
import hetero.experiments.workload.GemmWorkload;
import hetero.experiments.workload.LayerNormWorkload;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.tuning.Tuning;
import hetero.kernels.tuning.TuningFile;
import hetero.kernels.tuning.TuningFile.Entry;
import hetero.kernels.tuning.TuningFile.Op;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TunerTest {
    @TempDir
    Path dir;

    private static Map<Param, Object> settings(String workload, int seq, int dModel, int heads, String mask) {
        Map<Param, Object> s = new EnumMap<>(Param.class);
        s.put(Param.WORKLOAD, workload);
        s.put(Param.SEQ, seq);
        s.put(Param.D_MODEL, dModel);
        s.put(Param.HEADS, heads);
        s.put(Param.MASK, mask);
        return s;
    }

    /** Tiny families: every variant of every op on jvm in a few seconds. */
    static List<Tuner.Family> tiny() {
        AttentionLaunch.Shape causal = AttentionLaunch.Shape.of(1, 2, 2, 16, 16, 16).causal(true);
        return List.of(
                new Tuner.Family(Op.GEMM, "tiny", "16x32x32", false, Tuning.gemmFlops(16, 32, 32), settings(GemmWorkload.NAME, 16, 32, 2, "none")),
                new Tuner.Family(Op.ATTENTION, "tiny", "seq 16", true, Tuning.attentionFlops(causal), settings(AttentionWorkload.NAME, 16, 32, 2, "causal")),
                new Tuner.Family(Op.DECODE, "tiny", "cache 16", false, Tuning.decodeFlops(AttentionLaunch.Shape.of(1, 2, 2, 1, 16, 16), 16),
                        settings(DecodeAttentionWorkload.NAME, 16, 32, 2, "none")),
                new Tuner.Family(Op.NORM, "tiny", "8x64", false, Tuning.normFlops(8, 64), settings(LayerNormWorkload.NAME, 8, 64, 2, "none")));
    }

    @Test
    void everyLibraryVariantIsMeasuredCheckedAndOneChosenPerFamily() throws Exception {
        Device jvm = Devices.get("jvm");
        List<Entry> entries = Tuner.run(jvm, tiny(), 0, 1, 60, 0, new PrintStream(java.io.OutputStream.nullOutputStream()));
        for (Op op : Op.values()) {
            List<Entry> ofOp = entries.stream().filter(e -> e.op() == op).toList();
            assertEquals(op.variants.getEnumConstants().length, ofOp.size(), op + ": one row per constant of " + op.variants.getSimpleName());
            for (Entry e : ofOp) assertTrue(e.ok() && e.maxAbsErr() < Tuner.MAX_ABS_ERROR, e.toString());
            assertEquals(1, ofOp.stream().filter(Entry::chosen).count(), op + ": one chosen");
            Entry chosen = ofOp.stream().filter(Entry::chosen).findFirst().orElseThrow();
            assertTrue(ofOp.stream().allMatch(e -> e.bestMs() >= chosen.bestMs()), "the chosen one is the fastest");
        }
        Path file = dir.resolve(Tuning.fileName(jvm.id()));
        StringWriter w = new StringWriter();
        TuningFile.write(w, List.of("test"), entries);
        Files.writeString(file, w.toString());
        assertEquals(entries.size(), TuningFile.read(file).size(), "what lab tune writes, the model reads");
        GemmLaunch.Variant picked = Tuning.of(jvm, file).gemm(16, 32, 32);
        assertEquals(entries.stream().filter(e -> e.op() == Op.GEMM && e.chosen()).findFirst().orElseThrow().variant(), picked);
    }

    @Test
    void variantsFarSlowerOnASmallerShapeAreNotMeasuredAgain() {
        Entry fast = new Entry(Op.GEMM, "small", "", false, 1e6, GemmLaunch.Variant.STRIP, "ok", 1, 1, 1, 0, true);
        Entry slow = new Entry(Op.GEMM, "small", "", false, 1e6, GemmLaunch.Variant.NAIVE, "ok", 60, 60, 1, 0, false);
        Entry near = new Entry(Op.GEMM, "small", "", false, 1e6, GemmLaunch.Variant.BLOCKED, "ok", 4, 4, 1, 0, false);
        List<Entry> before = List.of(fast, slow, near);
        assertTrue(Tuner.tooSlow(before, GemmLaunch.Variant.NAIVE, 10).contains("60x slower"), Tuner.tooSlow(before, GemmLaunch.Variant.NAIVE, 10));
        assertNull(Tuner.tooSlow(before, GemmLaunch.Variant.BLOCKED, 10));
        assertNull(Tuner.tooSlow(before, GemmLaunch.Variant.TILED, 10), "not measured before: measured now");
        assertNull(Tuner.tooSlow(List.of(), GemmLaunch.Variant.NAIVE, 10), "the first family measures everything");
        Entry pruned = Tuner.entry(Tuner.families(false).get(1), GemmLaunch.Variant.NAIVE,
                new hetero.experiments.workload.Outcome.Skipped(Tuner.tooSlow(before, GemmLaunch.Variant.NAIVE, 10)));
        assertEquals(Tuner.tooSlow(before, GemmLaunch.Variant.NAIVE, 10), Tuner.tooSlow(List.of(pruned), GemmLaunch.Variant.NAIVE, 10),
                "pruned once, the reason is carried to the larger families as it was");
    }

    @Test
    void theShortRunCoversEveryOpWithSmallerFamiliesFirst() {
        List<Tuner.Family> f = Tuner.families(false);
        for (Op op : Op.values()) assertTrue(f.stream().anyMatch(x -> x.op() == op), op.toString());
        assertTrue(f.stream().anyMatch(x -> x.op() == Op.ATTENTION && x.causal()) && f.stream().anyMatch(x -> x.op() == Op.ATTENTION && !x.causal()));
        for (int i = 1; i < f.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (f.get(j).op() == f.get(i).op() && f.get(j).causal() == f.get(i).causal()) assertTrue(f.get(j).flops() < f.get(i).flops(), f.get(i).name());
            }
        }
        assertTrue(Tuner.families(true).size() > f.size());
    }
}
