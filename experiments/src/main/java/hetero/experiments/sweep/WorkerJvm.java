package hetero.experiments.sweep;

import hetero.experiments.workload.Measurer;
import hetero.experiments.workload.Outcome;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import hetero.runtime.api.Devices;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link ConfigRunner#inChildJvm}: measurements in a worker JVM (this class's {@link #main}) that is
 * killed when a configuration exceeds its timeout. Parent and worker talk over a loopback socket
 * (configurations as strings one way, {@link Outcome}s serialized the other), so whatever a driver
 * prints on the worker's stdout/stderr cannot corrupt the protocol; that output goes to the log.
 *
 * <p>The worker gets this JVM's class path, its memory and native-access options and every
 * {@code hetero.*} system property (the jvm caps, ...). Workloads that are not built in can be
 * named with {@code -Dhetero.lab.workloads=com.example.MyWorkload,...} (public classes with a public
 * no-argument constructor); the worker registers them too.
 */
final class WorkerJvm extends ConfigRunner {
    /** Comma-separated workload classes to register (in the worker and in {@code lab}). */
    static final String WORKLOADS_PROPERTY = "hetero.lab.workloads";
    private static final int START_TIMEOUT_MS = 120_000;

    private final Path log;
    private Process process;
    private Socket socket;
    private ObjectOutputStream out;
    private ObjectInputStream in;
    private final Thread killOnExit = new Thread(this::killOnExit, "kill-sweep-worker");
    /** Set when this JVM is shutting down (Ctrl-C, kill): the row being measured is then not written at all. */
    private volatile boolean exiting;

    WorkerJvm(Path log) {
        this.log = log;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    @Override
    protected Outcome measure(Config c) {
        try {
            if (process == null) start();
        } catch (IOException e) {
            kill();
            return new Outcome.Failed("cannot start the worker JVM: " + e.getMessage() + where());
        }
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, TimeUnit.SECONDS.toMillis(c.timeoutSeconds())));
            out.writeObject(raw(c));
            out.flush();
            return (Outcome) in.readObject();
        } catch (SocketTimeoutException e) {
            kill();
            return new Outcome.Failed("timed out after " + c.timeoutSeconds() + " s (its worker JVM was killed)");
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            if (exiting) throw new java.util.concurrent.CancellationException("the sweep is being stopped");
            String exit = kill();
            return new Outcome.Failed("the worker JVM died (" + exit + ")" + where());
        }
    }

    private String where() {
        return log == null ? "" : "; its output is in " + log;
    }

    private static HashMap<String, String> raw(Config c) {
        HashMap<String, String> m = new HashMap<>();
        for (Param p : Param.values()) if (c.get(p) != null) m.put(p.key, c.string(p));
        return m;
    }

    private void start() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(START_TIMEOUT_MS);
            ProcessBuilder pb = new ProcessBuilder(command(server.getLocalPort())).redirectErrorStream(true);
            if (log == null) {
                pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            } else {
                if (log.getParent() != null) Files.createDirectories(log.getParent());
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            process = pb.start();
            process.getOutputStream().close();
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                throw new IOException("it did not connect within " + START_TIMEOUT_MS / 1000 + " s");
            }
        }
        socket.setSoTimeout(START_TIMEOUT_MS);
        out = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        out.flush();
        in = new ObjectInputStream(new BufferedInputStream(socket.getInputStream()));
        try {
            if (!"ready".equals(in.readObject())) throw new IOException("unexpected greeting");
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static List<String> command(int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        boolean nativeAccess = false;
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Memory, stack, module and native-access settings; never agents or debug ports.
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss") || a.startsWith("--add-modules")
                    || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe")) {
                cmd.add(a);
                nativeAccess |= a.startsWith("--enable-native-access");
            }
        }
        if (!nativeAccess) cmd.add("--enable-native-access=ALL-UNNAMED");
        System.getProperties().forEach((k, v) -> {
            if (String.valueOf(k).startsWith("hetero.")) cmd.add("-D" + k + "=" + v);
        });
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerJvm.class.getName());
        cmd.add(Integer.toString(port));
        return cmd;
    }

    private void killOnExit() {
        exiting = true;
        kill();
    }

    /** Kills the worker (and what it started) and says how it ended. */
    private synchronized String kill() {
        if (process == null) return "not running";
        Process p = process;
        process = null;
        try {
            if (socket != null) socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            if (p.waitFor(10, TimeUnit.SECONDS)) return "exit code " + p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "did not exit";
    }

    @Override
    public void close() {
        try {
            if (process != null && out != null) {
                out.close();   // the worker reads end-of-stream and exits
                if (!process.waitFor(5, TimeUnit.SECONDS)) kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } finally {
            process = null;
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
            super.close();
        }
    }

    /** Registers the workloads named by {@value #WORKLOADS_PROPERTY}. */
    static void registerNamedWorkloads() {
        String names = System.getProperty(WORKLOADS_PROPERTY, "");
        for (String name : names.split(",")) {
            if (name.isBlank()) continue;
            try {
                Workloads.register((Workload) Class.forName(name.strip()).getConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("-D" + WORKLOADS_PROPERTY + ": cannot make a workload of '" + name + "': " + e, e);
            }
        }
    }

    /** The worker: connect, say ready, then measure configurations until the parent closes the socket. */
    public static void main(String[] args) throws Exception {
        registerNamedWorkloads();
        Devices.list();   // driver start-up before "ready", so it does not count against the first timeout
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(s.getOutputStream()));
            out.writeObject("ready");
            out.flush();
            ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(s.getInputStream()));
            while (true) {
                Object message;
                try {
                    message = in.readObject();
                } catch (EOFException e) {
                    break;
                }
                @SuppressWarnings("unchecked") Map<String, String> raw = (Map<String, String>) message;
                Map<Param, String> values = new EnumMap<>(Param.class);
                raw.forEach((k, v) -> values.put(Param.byKey(k), v));
                Config c = Config.parse(values);
                System.out.println("=== " + c.key());
                System.out.flush();
                Outcome o;
                try {
                    o = new Outcome.Ok(Measurer.measure(Workloads.get(c.workload()), c, Devices.get(c.device())));
                } catch (Throwable t) {
                    o = ConfigRunner.failure(t);
                }
                System.out.flush();
                System.err.flush();
                out.writeObject(o);
                out.reset();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sweep worker: lost the connection to the sweep", e);
        }
        System.exit(0);
    }
}
