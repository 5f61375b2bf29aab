package hetero.runtime.jit.spirv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Khronos SPIRV-Tools command-line tools (Debian's spirv-tools): validator and disassembler;
 * and the Khronos SPIR-V/LLVM translator (Debian's llvm-spirv-15), which turns a module back into
 * LLVM bitcode for drivers that take SPIR but not SPIR-V.
 */
public final class SpirvTools {
    private SpirvTools() {
    }

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static boolean available() {
        return runs("spirv-val", "--version");
    }

    /**
     * The SPIR-V/LLVM translator for a driver built on LLVM {@code llvmMajor} (0 when unknown):
     * llvm-spirv-N first, because the bitcode it writes must be readable by the driver's LLVM (PoCL
     * 3.1 on Debian 12 is LLVM 15: llvm-spirv-15), then an unversioned llvm-spirv.
     * {@code -Dhetero.llvmSpirv=/path/to/llvm-spirv} names another one.
     */
    public static Optional<String> translator(int llvmMajor) {
        String chosen = System.getProperty("hetero.llvmSpirv");
        if (chosen != null && !chosen.isBlank()) return runs(chosen, "--version") ? Optional.of(chosen) : Optional.empty();
        List<String> candidates = llvmMajor > 0 ? List.of("llvm-spirv-" + llvmMajor, "llvm-spirv") : List.of("llvm-spirv");
        for (String t : candidates) if (runs(t, "--version")) return Optional.of(t);
        return Optional.empty();
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * {@code translator -r}: the module as LLVM bitcode for the spir64 target, with OpenCL builtins as
     * their mangled OpenCL C functions (get_global_id, sqrt, ...), which is what SPIR consumers link.
     */
    public static byte[] toLlvmBitcode(String translator, byte[] module) throws IOException, InterruptedException {
        Path in = Files.createTempFile("kernel", ".spv");
        Path out = Files.createTempFile("kernel", ".bc");
        try {
            Files.write(in, module);
            Result r = exec(translator, "-r", in.toString(), "-o", out.toString());
            if (!r.ok()) throw new IOException(translator + " -r failed (exit " + r.exitCode() + "): " + r.output().trim());
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    /** spirv-val for the OpenCL 1.2 environment (what clCreateProgramWithIL consumers accept at least). */
    public static Result validate(byte[] module) throws IOException, InterruptedException {
        return run(module, "spirv-val", "--target-env", "opencl1.2");
    }

    public static Result disassemble(byte[] module) throws IOException, InterruptedException {
        return run(module, "spirv-dis", "--no-color");
    }

    private static Result run(byte[] module, String... command) throws IOException, InterruptedException {
        Path file = Files.createTempFile("kernel", ".spv");
        try {
            Files.write(file, module);
            String[] cmd = new String[command.length + 1];
            System.arraycopy(command, 0, cmd, 0, command.length);
            cmd[command.length] = file.toString();
            return exec(cmd);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Result exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, cmd[0] + " timed out");
        }
        return new Result(p.exitValue(), out);
    }
}
