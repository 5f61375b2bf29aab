package hetero.runtime.backend.opencl;

import hetero.runtime.SampleKernels;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.jit.spirv.SpirvTools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How SPIR-V reaches an OpenCL driver: IL where the device takes it, else translated to SPIR bitcode. */
class SpirvRouteTest {
    @Test
    void theDriversLlvmVersionIsReadFromThePlatformVersion() {
        assertEquals(15, SpirvBackend.llvmMajor("OpenCL 3.0 PoCL 3.1+debian  Linux, None+Asserts, RELOC, SPIR, LLVM 15.0.6, SLEEF"));
        assertEquals(0, SpirvBackend.llvmMajor("OpenCL 3.0 CUDA 12.4.131"));
    }

    @Test
    void everyOpenClDeviceWithARouteIsASpirvDevice() {
        OpenCLBackend opencl = (OpenCLBackend) Devices.backend("opencl");
        assumeTrue(opencl.available(), "no OpenCL here");
        List<String> spirv = Devices.backend("spirv").devices().stream().map(Device::id).toList();
        for (Device d : opencl.devices()) {
            boolean il = OpenCLBackend.ilVersion(d).contains("SPIR-V");
            boolean spir = OpenCLBackend.extensions(d).contains("cl_khr_spir")
                    && SpirvTools.translator(SpirvBackend.llvmMajor(OpenCLBackend.platformVersion(d))).isPresent();
            if (il || spir) {
                assertTrue(spirv.contains("spirv" + d.id().substring("opencl".length())), d.id() + " has a route but no spirv device: " + spirv);
            }
        }
    }

    @Test
    void everySpirvDeviceNamesItsRoute() {
        for (Device d : Devices.backend("spirv").devices()) {
            assertTrue(d.version().startsWith("via llvm-spirv") || d.version().startsWith("clCreateProgramWithIL (SPIR-V"), d.version());
        }
    }

    @Test
    void theTranslatorWritesSpir64Bitcode() throws Exception {
        Optional<String> translator = SpirvTools.translator(15);
        assumeTrue(translator.isPresent(), "no llvm-spirv translator installed");
        byte[] module = Jit.compile(KernelRef.byName(SampleKernels.class, "vectorAdd"), Map.of(), false, "spirv").binary();
        byte[] bitcode = SpirvTools.toLlvmBitcode(translator.get(), module);
        // LLVM bitcode starts with 'B' 'C' 0xC0DE; a wrapper header (0x0B17C0DE) would be refused by the driver
        assertArrayEquals(new byte[]{'B', 'C', (byte) 0xC0, (byte) 0xDE}, java.util.Arrays.copyOf(bitcode, 4));
    }

    @Test
    void theSpirRouteRunsTheModuleNotOpenClC() {
        List<Device> viaSpir = Devices.backend("spirv").devices().stream().filter(d -> d.version().startsWith("via ")).toList();
        assumeTrue(!viaSpir.isEmpty(), "no device on the SPIR route here: " + Devices.backend("spirv").unavailableReason());
        for (Device d : viaSpir) {
            int n = 1000;
            float[] a = new float[n], b = new float[n], c = new float[n];
            for (int i = 0; i < n; i++) { a[i] = i; b[i] = 0.5f * i; }
            TaskGraph g = new TaskGraph("s").transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
                    .task("add", SampleKernels.class, "vectorAdd", a, b, c, n)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
            try (ExecutionPlan plan = new ExecutionPlan(g).withDevice(d)) {
                plan.execute();
                assertTrue(plan.generatedCode("s.add").startsWith("; SPIR-V"), plan.generatedCode("s.add"));
            }
            for (int i = 0; i < n; i++) assertEquals(1.5f * i, c[i], d.id() + " element " + i);
        }
    }
}
