import hetero.runtime.jit.Frontend;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fork of scripts/jit-time, run with java's source launcher against the classpath of the build
 * being timed (this checkout's or an older commit's: it uses only calls both have).
 *
 * <pre>
 * java -cp CP scripts/JitTimeFork.java time Class::method BACKEND WARMUP RUNS
 *     prints "cached_ms from_bytecode_ms cached_alloc_kb": the medians of RUNS compiles with the parsed IR cached
 *     (after WARMUP warm-up compiles) and from the class file (after WARMUP / 2 more), as lab
 *     kernels --time does, and the memory one compile with the IR cached allocates (in KiB: unlike
 *     the times, the same in every JVM)
 * java scripts/JitTimeFork.java summary CSV [BUILD...]
 *     per kernel and backend: the median over forks of each build, and each build's ratio to the first
 * </pre>
 *
 * Why forks: one JVM's steady state differs by up to 2x from the next one's (on the shared 2-core
 * machine slow periods come and go, for every build alike), so single runs cannot compare two
 * builds; the summary gives each row's fastest and slowest fork beside the median.
 */
public class JitTimeFork {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("time")) time(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        else summary(Path.of(args[1]), Arrays.asList(args).subList(2, args.length));
    }

    static void time(String kernel, String backend, int warmup, int runs) throws Exception {
        String[] p = kernel.split("::");
        KernelRef ref = KernelRef.byName(Class.forName(p[0]), p[1]);
        Map<String, Object> none = new HashMap<>();
        for (int i = 0; i < warmup; i++) Jit.compile(ref, none, false, backend);
        long[] cached = new long[runs], fromBytecode = new long[runs];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Jit.compile(ref, none, false, backend);
            cached[i] = System.nanoTime() - t;
        }
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        for (int i = 0; i < warmup / 2; i++) {   // the parser's own warm-up (as lab kernels --time): the runs above never parsed
            Frontend.clearCache();
            Jit.compile(ref, none, false, backend);
        }
        for (int i = 0; i < runs; i++) {
            Frontend.clearCache();
            long t = System.nanoTime();
            Jit.compile(ref, none, false, backend);
            fromBytecode[i] = System.nanoTime() - t;
        }
        System.out.printf("%.4f %.4f %.1f%n", median(cached) / 1e6, median(fromBytecode) / 1e6, allocated / 1024.0 / runs);
    }

    static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    static double median(List<Double> xs) {
        return median(xs.stream().mapToLong(x -> Math.round(x * 1e6)).toArray()) / 1e6;
    }

    /** The CSV's rows are kernel,backend,build,fork,cached_ms,from_bytecode_ms,cached_alloc_kb. */
    static void summary(Path csv, List<String> builds) throws Exception {
        String[] titles = {"JIT time with the IR cached, ms", "JIT time from bytecode, ms", "memory allocated per compile with the IR cached, KiB"};
        // per measured column (cached_ms, from_bytecode_ms, cached_alloc_kb): "kernel backend" -> build -> one value per fork
        List<Map<String, Map<String, List<Double>>>> columns = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c.length < 7 || c[4].isEmpty()) continue;
            for (int col = 0; col < columns.size(); col++) {
                columns.get(col).computeIfAbsent(c[0] + " " + c[1], k -> new LinkedHashMap<>())
                        .computeIfAbsent(c[2], k -> new ArrayList<>()).add(Double.parseDouble(c[4 + col]));
            }
        }
        for (int col = 0; col < columns.size(); col++) {
            System.out.println(titles[col] + ": median over forks (lowest-highest fork); ratio to " + builds.getFirst());
            for (Map.Entry<String, Map<String, List<Double>>> e : columns.get(col).entrySet()) {
                StringBuilder sb = new StringBuilder(String.format("  %-40s", e.getKey()));
                Double base = e.getValue().containsKey(builds.getFirst()) ? median(e.getValue().get(builds.getFirst())) : null;
                for (String b : builds) {
                    List<Double> xs = e.getValue().get(b);
                    if (xs == null) continue;
                    double m = median(xs);
                    sb.append(String.format("  %s %.3f (%.3f-%.3f)", b, m, xs.stream().mapToDouble(x -> x).min().orElse(0),
                            xs.stream().mapToDouble(x -> x).max().orElse(0)));
                    if (base != null && !b.equals(builds.getFirst())) sb.append(String.format(" = %.2fx", m / base));
                }
                System.out.println(sb);
            }
        }
    }
}
