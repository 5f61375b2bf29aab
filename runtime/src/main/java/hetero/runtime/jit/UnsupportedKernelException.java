package hetero.runtime.jit;

/**
 * A kernel uses Java the JIT cannot compile. The message names the class, method, bytecode
 * offset and source line, and says which construct is not supported, so the author can find it.
 */
public final class UnsupportedKernelException extends RuntimeException {
    private final String owner;
    private final String method;
    private final int bci;
    private final int line;
    private final String construct;

    public UnsupportedKernelException(String owner, String method, int bci, int line, String construct) {
        super(owner + "::" + method + " at bytecode " + bci + (line > 0 ? " (line " + line + ")" : "")
                + ": " + construct);
        this.owner = owner;
        this.method = method;
        this.bci = bci;
        this.line = line;
        this.construct = construct;
    }

    public String owner() { return owner; }

    public String method() { return method; }

    public int bci() { return bci; }

    public int line() { return line; }

    public String construct() { return construct; }
}
