package hetero.experiments;

import hetero.runtime.jit.Indexing;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.UnsupportedKernelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lab kernels --dump CLASS::METHOD --backend opencl|ptx|spirv [--set name=value] [--indexing overflow-free]}: the code the JIT generates. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "Print the device code the JIT generates for a kernel.")
public final class KernelsCommand implements Callable<Integer> {
    @Option(names = "--dump", required = true, paramLabel = "CLASS::METHOD",
            description = "the kernel, e.g. hetero.kernels.Gemm::naive (a simple class name is looked up in hetero.kernels)")
    String kernel;

    @Option(names = "--backend", defaultValue = "opencl", description = "opencl, ptx or spirv (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--set", paramLabel = "PARAM=VALUE", description = "specialize a scalar parameter, e.g. --set dHead=64")
    List<String> constants = List.of();

    @Option(names = "--indexing", defaultValue = "exact", paramLabel = "exact|overflow-free",
            description = "which indexing variant to print: exact (32-bit wrapping indices, what runs when the launch check fails) "
                    + "or overflow-free (64-bit index arithmetic, what runs where the check proves no index wraps); default: ${DEFAULT-VALUE}")
    String indexing;

    private static final int TIME_WARMUP = 2000, TIME_WARMUP_FROM_BYTECODE = 1000, TIME_RUNS = 300;

    @Option(names = "--time", description = "also report the JIT time (driver build excluded): the first compile in this JVM, "
            + "and the steady-state medians of 300 compiles with the parsed IR cached (after 2000 warm-up compiles) and from "
            + "bytecode (after 1000 more)")
    boolean time;

    @Parameters(hidden = true)
    List<String> ignored = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KernelRef ref;
        try {
            ref = resolve(kernel);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String c : constants) {
            try {
                int eq = c.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("expected PARAM=VALUE");
                String name = c.substring(0, eq).trim();
                values.put(name, parseValue(ref, name, c.substring(eq + 1).trim()));
            } catch (IllegalArgumentException e) {
                // picocli's bad-parameter path: the message, the usage, exit code 2 (as for any other malformed option)
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--set': '" + c + "': "
                        + e.getMessage() + " (one parameter per --set, e.g. --set dHead=64 --set seq=128)");
            }
        }
        Indexing variant;
        try {
            variant = Indexing.parse(indexing);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --indexing: " + e.getMessage());
            return 2;
        }
        try {
            KernelSource src = Jit.compile(ref, values, false, backend, variant);
            if (src.binary() != null && hetero.runtime.jit.spirv.SpirvTools.available()) {
                System.out.print(hetero.runtime.jit.spirv.SpirvTools.disassemble(src.binary()).output());
            } else {
                System.out.print(src.text());
            }
            if (time) {
                // first: the compile above, the first in this JVM (what a run pays once, class loading included);
                // then steady state, after the JVM has compiled the JIT itself: with the parsed IR cached (the
                // plan's common case) and from the class file on.
                long first = src.jitNanos();
                for (int i = 0; i < TIME_WARMUP; i++) Jit.compile(ref, values, false, backend, variant);
                long[] cached = new long[TIME_RUNS], fromBytecode = new long[TIME_RUNS];
                for (int i = 0; i < cached.length; i++) cached[i] = Jit.compile(ref, values, false, backend, variant).jitNanos();
                for (int i = 0; i < TIME_WARMUP_FROM_BYTECODE; i++) {   // the parser's own warm-up: the runs above never parsed
                    hetero.runtime.jit.Frontend.clearCache();
                    Jit.compile(ref, values, false, backend, variant);
                }
                for (int i = 0; i < fromBytecode.length; i++) {
                    hetero.runtime.jit.Frontend.clearCache();
                    fromBytecode[i] = Jit.compile(ref, values, false, backend, variant).jitNanos();
                }
                java.util.Arrays.sort(cached);
                java.util.Arrays.sort(fromBytecode);
                System.out.printf("%s JIT time, driver build excluded: first compile in this JVM %.3f ms; steady state "
                                + "(median of %d after %d warm-up compiles) %.3f ms from bytecode (parse + passes + emit), "
                                + "%.3f ms with the parsed IR cached (one JVM; scripts/jit-time compares builds over several)%n",
                        backend.equals("spirv") ? ";" : "//", first / 1e6, TIME_RUNS, TIME_WARMUP,
                        fromBytecode[TIME_RUNS / 2] / 1e6, cached[TIME_RUNS / 2] / 1e6);
            }
            return 0;
        } catch (UnsupportedKernelException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (java.io.IOException | InterruptedException e) {
            System.err.println("error: spirv-dis failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The value of one {@code --set}, read as the type of the kernel's parameter called name (an unknown name fails
     * here, naming the parameters there are). Float and long values may carry Java's suffix ({@code 0.5f}, {@code 8L}).
     */
    static Object parseValue(KernelRef ref, String name, String raw) {
        Class<?> type = ref.method().getParameterTypes()[ref.parameterIndex(name)];
        String expected = type == boolean.class ? "true or false"
                : type == float.class || type == double.class ? "a number" : "a whole number (" + type + ")";
        try {
            if (type == boolean.class) {
                if (raw.equals("true") || raw.equals("false")) return Boolean.parseBoolean(raw);
            } else if (type == float.class) {
                return Float.parseFloat(raw);
            } else if (type == double.class) {
                return Double.parseDouble(raw);
            } else if (type == long.class) {
                return Long.parseLong(raw.endsWith("L") || raw.endsWith("l") ? raw.substring(0, raw.length() - 1) : raw);
            } else if (type == int.class) {
                return Integer.parseInt(raw);
            } else if (type == short.class) {
                return (int) Short.parseShort(raw);
            } else if (type == byte.class) {
                return (int) Byte.parseByte(raw);
            } else if (type == char.class) {
                int v = Integer.parseInt(raw);
                if (v >= Character.MIN_VALUE && v <= Character.MAX_VALUE) return v;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException(name + (type == int.class ? " is an " : " is a ") + type + " parameter of " + ref.qualifiedName()
                + ", so PARAM=VALUE needs " + expected + " as VALUE, got '" + raw + "'");
    }

    static KernelRef resolve(String spec) {
        int sep = spec.indexOf("::");
        if (sep < 0) throw new IllegalArgumentException("name a kernel as CLASS::METHOD, got '" + spec + "'");
        String cls = spec.substring(0, sep), method = spec.substring(sep + 2);
        Class<?> owner;
        try {
            owner = Class.forName(cls.contains(".") ? cls : "hetero.kernels." + cls);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + cls + " on the classpath");
        }
        return KernelRef.byName(owner, method);
    }
}
