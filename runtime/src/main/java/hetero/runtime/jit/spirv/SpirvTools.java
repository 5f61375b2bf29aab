package hetero.runtime.jit.spirv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Khronos SPIRV-Tools command-line tools (Debian's spirv-tools): validator and disassembler. */
public final class SpirvTools {
    private SpirvTools() {
    }

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("spirv-val", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
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
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, command[0] + " timed out");
            }
            return new Result(p.exitValue(), out);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
