package hetero.experiments.results;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a sweep ran: written into every row so a CSV explains itself without a separate log.
 *
 * @param host     the node's name (Slurm's {@code SLURMD_NODENAME} inside a job, else the host name), so merged
 *                 shards from several nodes stay apart
 * @param slurmJob inside a Slurm job: {@code SLURM_JOB_ID}, plus {@code array ARRAYJOB_TASK} for a job-array
 *                 task; empty outside Slurm
 */
public record Environment(String jdk, String os, String cpuModel, int cores, String gitCommit, boolean gitDirty,
                          String host, String slurmJob) {
    /**
     * Bump when the schema or the measuring procedure changes meaning. 2: host and slurm_job columns. 3: attention,
     * scoring, d_head and diff_vs_softmax columns.
     */
    public static final String HARNESS_VERSION = "3";

    public static Environment capture() {
        String commit = git("rev-parse", "HEAD");
        String status = git("status", "--porcelain", "--untracked-files=no");
        return new Environment(
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readCpuModel(), Runtime.getRuntime().availableProcessors(),
                commit == null ? "unknown" : commit, status != null && !status.isBlank(),
                hostName(System.getenv()), slurmJob(System.getenv()));
    }

    public static String hostName(Map<String, String> env) {
        String slurmNode = env.get("SLURMD_NODENAME");
        if (slurmNode != null && !slurmNode.isBlank()) return slurmNode;
        try {
            // The kernel's name for the machine first: no DNS lookup, which can hang on a badly configured node.
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) return kernel;
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return env.getOrDefault("HOSTNAME", "unknown");
        }
    }

    public static String slurmJob(Map<String, String> env) {
        String job = env.get("SLURM_JOB_ID");
        if (job == null || job.isBlank()) return "";
        String array = env.get("SLURM_ARRAY_JOB_ID"), task = env.get("SLURM_ARRAY_TASK_ID");
        return array == null || task == null ? job : job + " array " + array + "_" + task;
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back below
        }
        String env = System.getenv("PROCESSOR_IDENTIFIER");
        return env != null ? env : System.getProperty("os.arch");
    }

    /** Output of a git command in the working directory, or null (no git, not a repository, too slow). */
    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
