package hetero.experiments.workload;

import hetero.experiments.Lab;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.kernels.tuning.Tuning;
import hetero.kernels.tuning.TuningFile.Op;
import hetero.model.device.ForwardOptions;
import hetero.runtime.api.Devices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** variant = auto in the sweep and the model workloads' default, with and without the device's tuning file. */
class AutoVariantTest {
    @TempDir
    Path dir;

    static final String JVM_FILE = """
            # a hand-written tuning file for the jvm device
            op,family,shape,causal,flops,variant,status,median_ms,min_ms,gflops,max_abs_err,chosen
            gemm,small,,false,1000000,naive,ok,1.0,,,,yes
            gemm,small,,false,1000000,strip,ok,2.0,,,,
            attention,short,,false,30000000,flash,ok,1.0,,,,yes
            norm,small,,false,500000,ROW,ok,1.0,,,,yes
            """;

    @BeforeEach
    void useTempDir() {
        System.setProperty(Tuning.DIR_PROPERTY, dir.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(Tuning.DIR_PROPERTY);
    }

    static Config config(String workload, String variant, String scoring) {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        v.put(Param.WORKLOAD, workload);
        v.put(Param.VARIANT, variant);
        v.put(Param.SCORING, scoring);
        v.put(Param.SEQ, 64);
        v.put(Param.D_MODEL, 128);
        v.put(Param.HEADS, 4);
        v.put(Param.DEVICE, "jvm");
        return Config.of(v);
    }

    @Test
    void autoReadsTheDevicesFile() throws Exception {
        Files.writeString(dir.resolve("jvm.csv"), JVM_FILE);
        assertEquals(GemmLaunch.Variant.NAIVE, GemmWorkload.variant(config("gemm", "auto", "dot"), false));
        assertEquals(AttentionLaunch.Variant.FLASH, AttentionWorkload.variant(config("attention", "auto", "dot"), false));
        assertEquals(NormLaunch.Variant.ROW, LayerNormWorkload.variant(config("layernorm", "auto", "dot"), false));
        assertEquals(Tuning.fallback(Op.DECODE, Devices.get("jvm")), DecodeAttentionWorkload.variant(config("decode-attention", "auto", "dot"), false),
                "no decode rows: the device kind's default");
        assertEquals(GemmLaunch.Variant.TILED, GemmWorkload.variant(config("gemm", "default", "dot"), false), "default keeps its fixed meaning");
        assertEquals(GemmLaunch.Variant.BLOCKED, GemmWorkload.variant(config("gemm", "blocked", "dot"), false), "every library constant by name");
    }

    @Test
    void autoWithoutAFileUsesTheDeviceKindsDefaultsAndOnlyVariantsThatCanRun() {
        var jvm = Devices.get("jvm");
        assertEquals(Tuning.fallback(Op.GEMM, jvm), GemmWorkload.variant(config("gemm", "auto", "dot"), false));
        assertEquals(Tuning.fallback(Op.ATTENTION, jvm), AttentionWorkload.variant(config("attention", "auto", "dot"), false));
        Config cosine = config("attention", "auto", "cosine");
        assertNull(new AttentionWorkload().unsupported(cosine));
        AttentionLaunch.Variant v = AttentionWorkload.variant(cosine, false);
        assertNull(AttentionLaunch.unsupported(v, AttentionWorkload.shape(cosine)), v + " runs cosine scoring");
        assertNotEquals(AttentionLaunch.Variant.FLASH_STRIP, v);
    }

    @Test
    void theModelsDefaultReadsTheFileAndBaselineDoesNot() throws Exception {
        var jvm = Devices.get("jvm");
        TransformerWorkload encoder = new TransformerWorkload(TransformerWorkload.Kind.ENCODER);
        Config auto = config("encoder", "default", "dot");
        var mc = encoder.modelConfig(auto);
        assertEquals(ForwardOptions.forDevice(jvm, mc, 1, 64), encoder.options(auto, mc, jvm), "no file: the kind's defaults");
        Files.writeString(dir.resolve("jvm.csv"), JVM_FILE);
        ForwardOptions tuned = encoder.options(auto, mc, jvm);
        assertEquals(GemmLaunch.Variant.NAIVE, tuned.gemm());
        assertEquals(AttentionLaunch.Variant.FLASH, tuned.attention());
        assertEquals(NormLaunch.Variant.ROW, tuned.norm());
        assertEquals(ForwardOptions.defaults(), encoder.options(config("encoder", "baseline", "dot"), mc, jvm));
        assertEquals(AttentionLaunch.Variant.FLASH_STRIP, encoder.options(config("encoder", "flashStrip", "dot"), mc, jvm).attention());
        assertEquals(GemmLaunch.Variant.NAIVE, encoder.options(config("encoder", "flashStrip", "dot"), mc, jvm).gemm(), "the rest stays tuned");
        assertTrue(encoder.choices().get(Param.VARIANT).containsAll(java.util.List.of("auto", "baseline", "flashStrip", "flash-tiled")));
    }

    @Test
    void aSweepRefusesABadTuningFileNamingFileAndLine() throws Exception {
        Files.writeString(dir.resolve("jvm.csv"), JVM_FILE.replace("gemm,small,,false,1000000,strip", "gemm,small,,false,1000000,warp"));
        StringWriter err = new StringWriter();
        var cl = Lab.commandLine();
        cl.setErr(new PrintWriter(err));
        Path preset = dir.resolve("auto.preset");
        Files.writeString(preset, "workload = gemm\nvariant = auto\nseq = 8\ndModel = 16\nheads = 2\n");
        int code = cl.execute("sweep", "-q", "-p", preset.toString(), "--devices", "jvm", "-o", dir.resolve("out.csv").toString());
        assertEquals(Lab.BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("jvm.csv line 4") && err.toString().contains("unknown gemm variant 'warp'"), err.toString());
        assertTrue(Files.notExists(dir.resolve("out.csv")), "nothing written");
    }
}
