import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JVM of scripts/jit-time, run with java's source launcher (no classpath of its own).
 *
 * <pre>
 * java scripts/JitTimeFork.java time Class::method BACKEND WARMUP RUNS NAME=CLASSPATH...
 *     prints, per build, "NAME cached_ms from_bytecode_ms cached_alloc_kb": the medians of RUNS
 *     compiles with the parsed IR cached (after WARMUP warm-up compiles and at least 3 s of them
 *     per build) and from the class file (after WARMUP / 2 more, and at least 1.5 s), and the
 *     memory one compile with the IR cached allocates (in KiB: unlike the times, the same in
 *     every JVM)
 * java scripts/JitTimeFork.java summary CSV [BUILD...]
 *     per kernel and backend: the median over forks of each build, and each build's ratio to the
 *     first, taken within each JVM and then the median over JVMs
 * </pre>
 *
 * Why every build in one JVM: on the shared 2-core machine slow periods come and go (everything,
 * JDK collections and our own walks alike, runs up to 2x slower for seconds at a time), so two
 * builds timed in different JVMs, or one after the other, differ by as much as the noise. Here each
 * build has a class loader of its own (its own statics, caches and JIT-compiled code) and the builds
 * take turns in blocks of {@value #BLOCK} compiles, their order rotating each round: a slow period
 * falls on all of them alike and the ratio survives it. Builds are called through reflection with
 * the calls every compared commit has (KernelRef.byName, Jit.compile by backend name,
 * Frontend.clearCache). Forks are still needed: what the JVM's own JIT makes of each build differs
 * from one JVM to the next.
 */
public class JitTimeFork {
    static final int BLOCK = 10;
    /** The least warm-up time per build (and half of it again before the from-bytecode runs). */
    static final long WARMUP_NANOS_PER_BUILD = 3_000_000_000L;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("time")) {
            time(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Arrays.asList(args).subList(5, args.length));
        } else {
            summary(Path.of(args[1]), Arrays.asList(args).subList(2, args.length));
        }
    }

    /** One build under test: its own class loader, the kernel resolved in it and its JIT's entry points. */
    static final class Build {
        final String name;
        final Method compile, clearCache;
        final Object kernel;
        final List<Long> cached = new ArrayList<>(), fromBytecode = new ArrayList<>();
        long allocated;

        Build(String spec, String kernelName) throws Exception {
            int eq = spec.indexOf('=');
            name = spec.substring(0, eq);
            List<URL> urls = new ArrayList<>();
            for (String entry : spec.substring(eq + 1).split(":")) {
                if (entry.endsWith("/*")) {
                    try (var jars = Files.list(Path.of(entry.substring(0, entry.length() - 2)))) {
                        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) urls.add(jar.toUri().toURL());
                    }
                } else if (!entry.isEmpty()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> ref = loader.loadClass("hetero.runtime.jit.KernelRef");
            Class<?> jit = loader.loadClass("hetero.runtime.jit.Jit");
            String[] p = kernelName.split("::");
            kernel = ref.getMethod("byName", Class.class, String.class).invoke(null, Class.forName(p[0], true, loader), p[1]);
            compile = jit.getMethod("compile", ref, Map.class, boolean.class, String.class);
            clearCache = loader.loadClass("hetero.runtime.jit.Frontend").getMethod("clearCache");
        }

        void compile(String backend) throws Exception {
            compile.invoke(null, kernel, NO_CONSTANTS, false, backend);
        }
    }

    static final Map<String, Object> NO_CONSTANTS = new HashMap<>();

    static void time(String kernel, String backend, int warmup, int runs, List<String> specs) throws Exception {
        List<Build> builds = new ArrayList<>();
        for (String s : specs) {
            try {
                Build b = new Build(s, kernel);
                b.compile(backend);
                builds.add(b);
            } catch (Exception e) {   // this build lacks the kernel or the backend: a row without numbers
                System.err.println(s + ": " + e);
                System.out.println(s.substring(0, s.indexOf('=')));
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        // Warm-up by count and by time: a small kernel compiles in 40 us, and 2,000 of them end before the
        // JVM's own JIT has finished with ours (its medians then jumped 2x from one JVM to the next).
        long until = System.nanoTime() + WARMUP_NANOS_PER_BUILD * builds.size();
        for (int i = 0; i < warmup || System.nanoTime() < until; i++) for (Build b : builds) b.compile(backend);
        for (int round = 0; round * BLOCK < runs; round++) {
            for (int k = 0; k < builds.size(); k++) {
                Build b = builds.get((round + k) % builds.size());
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < BLOCK; i++) {
                    long t = System.nanoTime();
                    b.compile(backend);
                    b.cached.add(System.nanoTime() - t);
                }
                b.allocated += threads.getCurrentThreadAllocatedBytes() - before;
            }
        }
        // the parser's own warm-up (as lab kernels --time): the runs above never parsed
        until = System.nanoTime() + WARMUP_NANOS_PER_BUILD / 2 * builds.size();
        for (int i = 0; i < warmup / 2 || System.nanoTime() < until; i++) {
            for (Build b : builds) {
                b.clearCache.invoke(null);
                b.compile(backend);
            }
        }
        for (int round = 0; round * BLOCK < runs; round++) {
            for (int k = 0; k < builds.size(); k++) {
                Build b = builds.get((round + k) % builds.size());
                for (int i = 0; i < BLOCK; i++) {
                    b.clearCache.invoke(null);
                    long t = System.nanoTime();
                    b.compile(backend);
                    b.fromBytecode.add(System.nanoTime() - t);
                }
            }
        }
        for (Build b : builds) {
            System.out.printf("%s %.4f %.4f %.1f%n", b.name, median(b.cached) / 1e6, median(b.fromBytecode) / 1e6,
                    b.allocated / 1024.0 / b.cached.size());
        }
    }

    static double median(List<Long> xs) {
        long[] s = xs.stream().mapToLong(Long::longValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    static double medianOf(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /** The CSV's rows are kernel,backend,build,fork,cached_ms,from_bytecode_ms,cached_alloc_kb. */
    static void summary(Path csv, List<String> builds) throws Exception {
        String[] titles = {"JIT time with the IR cached, ms", "JIT time from bytecode, ms", "memory allocated per compile with the IR cached, KiB"};
        // per measured column (cached_ms, from_bytecode_ms, cached_alloc_kb): "kernel backend" -> build -> fork -> value
        List<Map<String, Map<String, Map<String, Double>>>> columns = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c.length < 7 || c[4].isEmpty()) continue;
            for (int col = 0; col < columns.size(); col++) {
                columns.get(col).computeIfAbsent(c[0] + " " + c[1], k -> new LinkedHashMap<>())
                        .computeIfAbsent(c[2], k -> new LinkedHashMap<>()).put(c[3], Double.parseDouble(c[4 + col]));
            }
        }
        String base = builds.getFirst();
        for (int col = 0; col < columns.size(); col++) {
            System.out.println(titles[col] + ": median over JVMs (lowest-highest); ratio to " + base
                    + " within each JVM, median over JVMs (lowest-highest)");
            for (Map.Entry<String, Map<String, Map<String, Double>>> e : columns.get(col).entrySet()) {
                StringBuilder sb = new StringBuilder(String.format("  %-40s", e.getKey()));
                Map<String, Double> baseForks = e.getValue().getOrDefault(base, Map.of());
                for (String b : builds) {
                    Map<String, Double> forks = e.getValue().get(b);
                    if (forks == null) continue;
                    List<Double> xs = new ArrayList<>(forks.values());
                    sb.append(String.format("  %s %.3f (%.3f-%.3f)", b, medianOf(xs), min(xs), max(xs)));
                    List<Double> ratios = new ArrayList<>();
                    forks.forEach((fork, x) -> { if (baseForks.containsKey(fork)) ratios.add(x / baseForks.get(fork)); });
                    if (!b.equals(base) && !ratios.isEmpty()) {
                        sb.append(String.format(" = %.2fx (%.2f-%.2f)", medianOf(ratios), min(ratios), max(ratios)));
                    }
                }
                System.out.println(sb);
            }
        }
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(x -> x).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(x -> x).max().orElse(Double.NaN);
    }
}
