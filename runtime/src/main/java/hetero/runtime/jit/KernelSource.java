package hetero.runtime.jit;

/**
 * Generated device code for one kernel specialization, with its ABI (what the runtime needs to
 * launch it: the entry point and how Java arguments map to device arguments).
 *
 * @param jitNanos time from bytecode to this source (every pass of {@link Jit#compile})
 */
public record KernelSource(String backend, String entryPoint, String text, byte[] binary, KernelAbi abi, long jitNanos) {
}
