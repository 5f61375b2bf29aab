package hetero.runtime.jit.ptx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** NVIDIA's PTX assembler as a validator: it checks generated PTX without a GPU. */
public final class Ptxas {
    private Ptxas() {
    }

    /** ptxas's verdict: exit code and its messages. */
    public record Result(int exitCode, String log) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("ptxas", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Assembles ptx for arch (e.g. sm_90), replacing the .target line the emitter wrote. */
    public static Result assemble(String ptx, String arch) throws IOException, InterruptedException {
        Path file = Files.createTempFile("kernel", ".ptx");
        Path out = Files.createTempFile("kernel", ".cubin");
        try {
            Files.writeString(file, ptx.replaceFirst("\\.target sm_\\d+", ".target " + arch));
            Process p = new ProcessBuilder("ptxas", "--gpu-name", arch, file.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "ptxas timed out");
            }
            return new Result(p.exitValue(), log);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
        }
    }
}
