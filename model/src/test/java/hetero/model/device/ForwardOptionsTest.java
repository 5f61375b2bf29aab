package hetero.model.device;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.kernels.tuning.Tuning;
import hetero.kernels.tuning.TuningFileException;
import hetero.model.TransformerConfig;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's default kernels: the device's tuning file, else its kind's defaults. */
class ForwardOptionsTest {
    static final Device CPU = new Device("opencl:0:0", "opencl", "cpu", "pocl", "3.1", "OpenCL 3.0", 2, 1L << 30, 4096, "CPU");
    static final Device GPU = new Device("ptx:0", "ptx", "gpu", "nvidia", "580", "sm_90", 132, 1L << 36, 1024, "GPU");

    @TempDir
    Path dir;

    static TransformerConfig encoder() {
        return TransformerConfig.builder().dModel(768).heads(12).kvHeads(12).dFF(3072).encoderLayers(12).decoderLayers(0).vocabulary(1000).maxSequence(512).build();
    }

    @Test
    void withoutATuningFileCpusGetTheStripKernelsAndGpusTheTiledOnes() {
        System.setProperty(Tuning.DIR_PROPERTY, dir.toString());
        try {
            ForwardOptions cpu = ForwardOptions.forDevice(CPU, encoder(), 1, 512);
            assertEquals(GemmLaunch.Variant.STRIP, cpu.gemm());
            assertEquals(AttentionLaunch.Variant.FLASH_STRIP, cpu.attention());
            assertEquals(NormLaunch.Variant.ROW, cpu.norm());
            assertEquals(AttentionLaunch.DecodeVariant.LOOP, cpu.decode());
            ForwardOptions gpu = ForwardOptions.forDevice(GPU, encoder(), 1, 512);
            assertEquals(ForwardOptions.defaults(), gpu, "the GPU default is the fixed combination of before");
        } finally {
            System.clearProperty(Tuning.DIR_PROPERTY);
        }
    }

    @Test
    void aTuningFileDecidesForTheFamiliesNearestTheModelsShapes() throws Exception {
        Files.writeString(dir.resolve("opencl-0-0.csv"), """
                op,family,shape,causal,flops,variant,status,median_ms,min_ms,gflops,max_abs_err,chosen
                gemm,small,,false,16777216,NAIVE,ok,0.1,,,,yes
                gemm,large,,false,2147483648,BLOCKED,ok,10,,,,yes
                gemm,large,,false,2147483648,STRIP,ok,12,,,,
                attention,long,,false,2147483648,FLASH,ok,10,,,,yes
                attention,long,,true,1073741824,UNFUSED,ok,10,,,,yes
                norm,large,,false,16777216,ROW,ok,1,,,,yes
                decode,long,,false,16777216,LOOP,ok,1,,,,yes
                """);
        System.setProperty(Tuning.DIR_PROPERTY, dir.toString());
        try {
            ForwardOptions o = ForwardOptions.forDevice(CPU, encoder(), 1, 512);
            assertEquals(new ForwardOptions(AttentionLaunch.Variant.FLASH, GemmLaunch.Variant.BLOCKED, NormLaunch.Variant.ROW,
                    AttentionLaunch.DecodeVariant.LOOP), o, "the FFN GEMM (2.4 GFLOP) is nearest the large family");
            TransformerConfig decoderOnly = TransformerConfig.builder().dModel(768).heads(12).kvHeads(12).dFF(3072).encoderLayers(0).decoderLayers(2)
                    .vocabulary(1000).maxSequence(512).build();
            assertEquals(AttentionLaunch.Variant.UNFUSED, ForwardOptions.forDevice(CPU, decoderOnly, 1, 512).attention(), "a decoder-only model: causal");
            assertEquals(GemmLaunch.Variant.TILED, ForwardOptions.forDevice(GPU, encoder(), 1, 512).gemm(), "another device: its own (missing) file");

            Files.writeString(dir.resolve("opencl-0-0.csv"), "op,family,variant\ngemm,small,STRIP\n");
            var e = assertThrows(TuningFileException.class, () -> ForwardOptions.forDevice(CPU, encoder(), 1, 512));
            assertTrue(e.getMessage().contains("opencl-0-0.csv") && e.getMessage().contains("missing column"), e.getMessage());
        } finally {
            System.clearProperty(Tuning.DIR_PROPERTY);
        }
    }

    @Test
    void everyOptionIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> ForwardOptions.defaults().withGemm(null));
    }
}
