package hetero.kernels.tuning;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.kernels.VariantNames;
import hetero.kernels.tuning.TuningFile.Entry;
import hetero.kernels.tuning.TuningFile.Op;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TuningTest {
    static final Device CPU = new Device("opencl:0:0", "opencl", "cpu", "pocl", "3.1", "OpenCL 3.0", 2, 1L << 30, 4096, "CPU");
    static final Device GPU = new Device("ptx:0", "ptx", "gpu", "nvidia", "580", "sm_90", 132, 1L << 36, 1024, "GPU");
    static final Device JVM = new Device("jvm", "jvm", "jvm", "java", "25", "25", 2, 1L << 30, Integer.MAX_VALUE, "CPU");

    @TempDir
    Path dir;

    static Entry ok(Op op, String family, boolean causal, double flops, Enum<?> v, double ms, boolean chosen) {
        return new Entry(op, family, "", causal, flops, v, "ok", ms, ms * 0.9, flops / (ms * 1e6), 1e-6, chosen);
    }

    Path write(String name, List<Entry> entries) throws IOException {
        Path f = dir.resolve(name);
        StringWriter w = new StringWriter();
        TuningFile.write(w, List.of("test file", "second comment"), entries);
        Files.writeString(f, w.toString());
        return f;
    }

    static final List<Entry> TABLE = List.of(
            ok(Op.GEMM, "small", false, 1e6, GemmLaunch.Variant.STRIP, 1.0, false),
            ok(Op.GEMM, "small", false, 1e6, GemmLaunch.Variant.NAIVE, 0.5, true),
            ok(Op.GEMM, "large", false, 1e9, GemmLaunch.Variant.TILED, 9.0, false),
            ok(Op.GEMM, "large", false, 1e9, GemmLaunch.Variant.BLOCKED, 5.0, true),
            ok(Op.ATTENTION, "long", false, 1e9, AttentionLaunch.Variant.FLASH_TILED, 1.0, true),
            ok(Op.ATTENTION, "long", false, 1e9, AttentionLaunch.Variant.UNFUSED, 3.0, false),
            ok(Op.ATTENTION, "long", false, 1e9, AttentionLaunch.Variant.FLASH, 2.0, false),
            ok(Op.ATTENTION, "long", true, 5e8, AttentionLaunch.Variant.FLASH, 1.0, true),
            ok(Op.DECODE, "long", false, 1e7, AttentionLaunch.DecodeVariant.LOOP, 1.0, true),
            ok(Op.NORM, "small", false, 1e6, NormLaunch.Variant.ROW, 1.0, true),
            new Entry(Op.NORM, "small", "", false, 1e6, NormLaunch.Variant.GROUP, "error: timed out after 1 s", Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, false));

    @Test
    void variantNamesComeFromTheLibraryEnums() {
        assertEquals("flashTiled", VariantNames.of(AttentionLaunch.Variant.FLASH_TILED));
        assertEquals("strip", VariantNames.of(GemmLaunch.Variant.STRIP));
        for (String s : List.of("flashStrip", "flash-strip", "FLASH_STRIP", "FlashStrip")) {
            assertEquals(AttentionLaunch.Variant.FLASH_STRIP, VariantNames.parse(AttentionLaunch.Variant.class, s), s);
        }
        assertEquals(VariantNames.all(GemmLaunch.Variant.class).size(), GemmLaunch.Variant.values().length);
        var e = assertThrows(IllegalArgumentException.class, () -> VariantNames.parse(GemmLaunch.Variant.class, "fast"));
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains("strip"), e.getMessage());
        assertNull(VariantNames.find(NormLaunch.Variant.class, "flash"));
    }

    @Test
    void aWrittenFileReadsBackEntryForEntry() throws IOException {
        Path f = write("opencl-0-0.csv", TABLE);
        String text = Files.readString(f);
        assertTrue(text.startsWith("# test file\n# second comment\nop,family,shape,causal,flops,variant,status,median_ms,min_ms,gflops,max_abs_err,chosen\n"), text);
        List<Entry> back = TuningFile.read(f);
        assertEquals(TABLE.size(), back.size());
        for (int i = 0; i < TABLE.size(); i++) {
            Entry a = TABLE.get(i), b = back.get(i);
            assertEquals(List.of(a.op(), a.family(), a.causal(), a.variant(), a.status(), a.chosen()), List.of(b.op(), b.family(), b.causal(), b.variant(), b.status(), b.chosen()));
            assertEquals(a.flops(), b.flops());
            if (a.ok()) assertEquals(a.medianMs(), b.medianMs(), 1e-4);
            else assertTrue(Double.isNaN(b.medianMs()));
        }
    }

    @Test
    void choicesFollowTheNearestFamilyTheMaskAndWhatAVariantCanRun() throws IOException {
        Tuning t = Tuning.of(CPU, write("t.csv", TABLE));
        assertEquals(GemmLaunch.Variant.NAIVE, t.gemm(100, 100, 50), "1e6 flops: the small family's chosen row");
        assertEquals(GemmLaunch.Variant.BLOCKED, t.gemm(1024, 1024, 512), "1.07e9 flops: the large family");
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(1, 8, 8, 1024, 1024, 64);
        assertEquals(AttentionLaunch.Variant.FLASH_TILED, t.attention(s));
        assertEquals(AttentionLaunch.Variant.FLASH, t.attention(s.causal(true)), "causal problems use the causal families");
        AttentionLaunch.Shape wide = AttentionLaunch.Shape.of(1, 2, 2, 1024, 1024, 256);
        assertEquals(AttentionLaunch.Variant.FLASH, t.attention(wide), "flashTiled cannot take dHead 256: the next fastest measured variant");
        assertEquals(AttentionLaunch.DecodeVariant.LOOP, t.decode(AttentionLaunch.Shape.of(1, 8, 8, 1, 64, 64), 64));
        assertEquals(NormLaunch.Variant.ROW, t.norm(64, 512), "the error row is never used");
        assertEquals(Path.of(t.source()), dir.resolve("t.csv"));
    }

    @Test
    void withoutAFileEachDeviceKindGetsItsDefaults() {
        System.setProperty(Tuning.DIR_PROPERTY, dir.toString());
        try {
            Tuning cpu = Tuning.forDevice(CPU), gpu = Tuning.forDevice(GPU), jvm = Tuning.forDevice(JVM);
            assertFalse(cpu.file().isPresent());
            assertTrue(cpu.source().contains("CPU devices") && cpu.source().contains("opencl-0-0.csv"), cpu.source());
            assertEquals(GemmLaunch.Variant.STRIP, cpu.gemm(512, 768, 768));
            assertEquals(AttentionLaunch.Variant.FLASH_STRIP, cpu.attention(AttentionLaunch.Shape.of(1, 8, 8, 512, 512, 64)));
            assertEquals(GemmLaunch.Variant.TILED, gpu.gemm(512, 768, 768));
            assertEquals(AttentionLaunch.Variant.FLASH_TILED, gpu.attention(AttentionLaunch.Shape.of(1, 8, 8, 512, 512, 64)));
            assertEquals(Tuning.fallback(Op.GEMM, JVM), jvm.gemm(512, 768, 768));
            AttentionLaunch.Shape cosine = AttentionLaunch.Shape.of(1, 8, 8, 512, 512, 64).scoring(AttentionLaunch.Scoring.COSINE);
            assertTrue(AttentionLaunch.unsupported(cpu.attention(cosine), cosine) == null, "the CPU default flashStrip is dot-only: another variant runs cosine");
        } finally {
            System.clearProperty(Tuning.DIR_PROPERTY);
        }
    }

    @Test
    void theDevicesFileIsFoundByItsIdAndUsed() throws IOException {
        write("opencl-0-0.csv", TABLE);
        System.setProperty(Tuning.DIR_PROPERTY, dir.toString());
        try {
            Tuning t = Tuning.forDevice(CPU);
            assertEquals(dir.resolve("opencl-0-0.csv"), t.file().orElseThrow());
            assertEquals(GemmLaunch.Variant.NAIVE, t.gemm(100, 100, 50));
            assertFalse(Tuning.forDevice(GPU).file().isPresent(), "ptx-0.csv is not there");
        } finally {
            System.clearProperty(Tuning.DIR_PROPERTY);
        }
    }

    /** Replaces data line {@code n} (1-based among the lines after the two comments and the header) of a good file. */
    private Path spoil(int n, String replacement) throws IOException {
        Path f = write("bad.csv", TABLE);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        lines.set(2 + n, replacement);
        Files.write(f, lines);
        return f;
    }

    private void assertRefused(Path f, int line, String... words) {
        var e = assertThrows(TuningFileException.class, () -> TuningFile.read(f));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("line " + line), e.getMessage());
        for (String w : words) assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
    }

    @Test
    void aBadFileIsRefusedNamingFileLineAndProblem() throws IOException {
        assertRefused(spoil(2, "gemm,small,,false,1000000,TURBO,ok,0.5,,,,yes"), 5, "unknown gemm variant 'TURBO'", "strip");
        assertRefused(spoil(1, "gemm,small,,false,lots,STRIP,ok,1.0,,,,"), 4, "flops is not a number: 'lots'");
        assertRefused(spoil(3, "matmul,large,,false,1e9,TILED,ok,9.0,,,,"), 6, "unknown op 'matmul'");
        assertRefused(spoil(1, "gemm,small,,maybe,1e6,STRIP,ok,1.0,,,,"), 4, "causal must be true or false");
        assertRefused(spoil(1, "gemm,small,,false,1e6,STRIP,ok,1.0,,,,yes"), 5, "a second chosen row for gemm small", "line 4");
        assertRefused(spoil(1, "gemm,small,,false,1e6,STRIP,ok,,,,,"), 4, "empty median_ms");
        assertRefused(spoil(2, "gemm,small,,false,1e6,NAIVE,done,0.5,,,,yes"), 5, "status must be ok");
        assertRefused(spoil(1, "gemm,small,,false,1e6,STRIP"), 4, "cells");
        Path noColumn = dir.resolve("no-column.csv");
        Files.writeString(noColumn, "# c\nop,family,causal,flops,status,median_ms,chosen\ngemm,small,false,1e6,ok,1.0,yes\n");
        assertRefused(noColumn, 2, "missing column 'variant'");
        System.setProperty(Tuning.DIR_PROPERTY, dir.toString());
        try {
            Files.copy(spoil(2, "gemm,small,,false,1000000,TURBO,ok,0.5,,,,yes"), dir.resolve("opencl-0-0.csv"));
            var e = assertThrows(TuningFileException.class, () -> Tuning.forDevice(CPU), "a present but bad file is never ignored");
            assertTrue(e.getMessage().contains("opencl-0-0.csv line 5"), e.getMessage());
        } finally {
            System.clearProperty(Tuning.DIR_PROPERTY);
        }
    }
}
