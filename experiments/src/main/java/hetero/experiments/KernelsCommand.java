package hetero.experiments;

import hetero.runtime.jit.Indexing;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.UnsupportedKernelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Option(names = "--time", description = "also report the JIT time (median of 50 runs, driver build excluded), from bytecode and with the parsed IR cached")
    boolean time;

    @Parameters(hidden = true)
    List<String> ignored = List.of();

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
            String[] kv = c.split("=", 2);
            if (kv.length != 2) {
                System.err.println("error: --set wants PARAM=VALUE, got '" + c + "'");
                return 2;
            }
            values.put(kv[0].trim(), parseNumber(kv[1].trim()));
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
                // warm: bytecode already parsed (the plan's common case); cold: from the class file on.
                long[] warm = new long[50], cold = new long[50];
                for (int i = 0; i < warm.length; i++) warm[i] = Jit.compile(ref, values, false, backend).jitNanos();
                for (int i = 0; i < cold.length; i++) {
                    hetero.runtime.jit.Frontend.clearCache();
                    cold[i] = Jit.compile(ref, values, false, backend).jitNanos();
                }
                java.util.Arrays.sort(warm);
                java.util.Arrays.sort(cold);
                System.out.printf("%s JIT time, driver build excluded, median of %d after %d warm-up runs in this JVM: "
                                + "%.3f ms from bytecode (parse + specialize + emit), %.3f ms with the parsed IR cached%n",
                        backend.equals("opencl") ? "//" : backend.equals("ptx") ? "//" : ";", cold.length, warm.length,
                        cold[cold.length / 2] / 1e6, warm[warm.length / 2] / 1e6);
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

    static Object parseNumber(String s) {
        if (s.endsWith("f") || s.endsWith("F")) return Float.parseFloat(s);
        if (s.contains(".") || s.contains("e") || s.contains("E")) return Double.parseDouble(s);
        if (s.endsWith("L") || s.endsWith("l")) return Long.parseLong(s.substring(0, s.length() - 1));
        return Integer.parseInt(s);
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
