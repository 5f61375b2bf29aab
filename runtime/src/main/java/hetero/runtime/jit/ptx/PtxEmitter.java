package hetero.runtime.jit.ptx;

import hetero.runtime.jit.Analysis;
import hetero.runtime.jit.DeviceFunctions;
import hetero.runtime.jit.ExprWalk;
import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Specializer;
import hetero.runtime.jit.UnsupportedKernelException;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits PTX straight from the CFG: one register per Java variable (named after it), fresh
 * registers for expression temporaries, a label per basic block, {@code ld/st.global} and
 * {@code ld/st.shared} with explicit address arithmetic, special registers for ids, and
 * {@code bar.sync} for barriers. It prints legalized IR (see LegalizeJavaSemantics), in which
 * divisions never see 0 or -1 and shift counts are in range:
 * <ul>
 * <li>integer add/sub/mul wrap (PTX integers are two's complement, no undefined overflow);</li>
 * <li>{@code cvt.rzi} float-to-int conversions saturate, as the IR's conversion does;</li>
 * <li>float + - * / carry the {@code .rn} modifier, which forbids ptxas to contract them into FMA.</li>
 * </ul>
 * A select whose sides cost nothing ({@link ExprWalk#trivialSides}) is one {@code selp}; any other
 * branches, so that only the chosen side runs. Each device function instance ({@link DeviceFunctions})
 * is printed by an emitter object of its own.
 * Math accuracy: sqrt and division are IEEE; exp is range-reduced around {@code ex2.approx}
 * (about 2 ulp); log uses {@code lg2.approx} (absolute error about 1e-7); tanh and erf are
 * series/rational forms with relative error below 1e-6; sin, cos and pow use the approx
 * instructions (about 1e-6 absolute in range). Double-precision transcendentals other than sqrt
 * are refused on this backend.
 */
public final class PtxEmitter {
    public static final String DEFAULT_TARGET = "sm_80";
    private static final Set<String> SPECIAL = Set.of("tid", "ntid", "laneid", "warpid", "nwarpid", "ctaid", "nctaid", "smid",
            "nsmid", "gridid", "clock", "clock64", "globaltimer", "envreg", "lanemask_eq", "lanemask_le", "lanemask_lt",
            "lanemask_ge", "lanemask_gt", "total_smem_size", "dynamic_smem_size", "is_explicit_cluster", "clusterid",
            "nclusterid", "cluster_ctaid", "cluster_nctaid", "cluster_ctarank", "cluster_nctarank", "reserved_smem_offset_begin");

    private final StringBuilder body = new StringBuilder();
    private final Map<String, Integer> tempCounts = new LinkedHashMap<>();
    private final Map<Var, String> regs = new LinkedHashMap<>();
    private final Map<Var, String> arraySpace = new HashMap<>();
    private final Map<Var, String> lengthRegs = new LinkedHashMap<>();   // declared in this order: the same text in every JVM
    /** .local declarations of the function's private arrays. */
    private final StringBuilder privateArrays = new StringBuilder();
    private int labels;
    private int lastLine = -1;
    private final Function fn;
    private final DeviceFunctions<String, String> functions;

    private PtxEmitter(Function fn, DeviceFunctions<String, String> functions) {
        this.fn = fn;
        this.functions = functions;
    }

    public static KernelSource emit(Specializer.Specialized spec, KernelAbi abi, String target, long startNanos) {
        Function f = spec.function();
        PtxEmitter e = new PtxEmitter(f, new DeviceFunctions<>(f.name));
        String kernel = e.kernel(spec, abi);
        StringBuilder src = new StringBuilder();
        src.append("// Generated from ").append(f.owner).append("::").append(f.name).append(" (").append(f.sourceFile).append(")\n");
        src.append(".version 7.8\n.target ").append(target).append("\n.address_size 64\n");
        // callees are finished before their callers, so this order defines each function before its first call
        for (String text : e.functions.texts) src.append('\n').append(text).append('\n');
        src.append('\n').append(kernel);
        return new KernelSource("ptx", f.name, src.toString(), null, null, System.nanoTime() - startNanos);
    }

    // ------------------------------------------------------------------ functions

    private String kernel(Specializer.Specialized spec, KernelAbi abi) {
        Function f = spec.function();
        List<String> loads = new ArrayList<>();
        List<String> params = params(abi.args(), Collections.nCopies(abi.args().size(), "global"), loads, true);
        StringBuilder shared = new StringBuilder();
        for (Var v : f.locals) {
            Integer size = v.kind == Var.Kind.LOCAL_ARRAY ? abi.localArrays().get(v.name) : null;
            if (size == null) continue;
            int bytes = size * v.type.elementType().bytes;
            shared.append("    .shared .align 16 .b8 ").append("smem_").append(v.name).append("[").append(bytes).append("];\n");
            String reg = declare(v);
            arraySpace.put(v, "shared");
            loads.add("mov.u64 " + reg + ", smem_" + v.name + ";");
        }
        for (Map.Entry<Var, Expr.Const> c : spec.constants().entrySet()) loads.addFirst("// specialized: " + c.getKey().name + " = " + c.getValue().value());
        for (String l : loads) ins(l);
        blocks(f);
        return ".visible .entry " + f.name + "(\n    " + String.join(",\n    ", params) + "\n)\n{\n" + shared + declarations() + body + "}\n";
    }

    /**
     * Declares the device parameters of the function being emitted (a kernel's ABI or a device
     * function's parameters) and returns its .param list; the loads that read them go to loads.
     * Each array goes to the next of spaces; a kernel converts its global buffers' addresses once.
     */
    private List<String> params(List<KernelAbi.Arg> args, List<String> spaces, List<String> loads, boolean kernel) {
        List<String> params = new ArrayList<>();
        int s = 0;
        for (KernelAbi.Arg a : args) {
            Var p = fn.params.get(a.javaIndex());
            String reg = a.kind() == KernelAbi.Arg.Kind.LENGTH ? "%" + a.name() : declare(p);
            String type = a.kind() == KernelAbi.Arg.Kind.BUFFER ? "u64" : ptype(a.type());
            params.add(".param ." + type + " param_" + a.name());
            loads.add("ld.param." + type + " " + reg + ", [param_" + a.name() + "];");
            if (a.kind() == KernelAbi.Arg.Kind.LENGTH) lengthRegs.put(p, reg);
            if (a.kind() != KernelAbi.Arg.Kind.BUFFER) continue;
            arraySpace.put(p, spaces.get(s++));
            if (kernel) loads.add("cvta.to.global.u64 " + reg + ", " + reg + ";");
        }
        return params;
    }

    private String declarations() {
        StringBuilder d = new StringBuilder(privateArrays);
        for (Map.Entry<Var, String> r : regs.entrySet()) {
            Var v = r.getKey();
            d.append("    .reg .").append(v.type.isArray() ? "u64" : ptype(v.type)).append(' ').append(r.getValue()).append(";\n");
        }
        for (String lr : lengthRegs.values()) d.append("    .reg .s32 ").append(lr).append(";\n");
        for (Map.Entry<String, Integer> t : tempCounts.entrySet()) {
            String kind = t.getKey();
            String type = switch (kind) {
                case "r" -> "s32"; case "rd" -> "s64"; case "f" -> "f32"; case "fd" -> "f64"; case "p" -> "pred"; case "a" -> "u64";
                default -> throw new IllegalStateException(kind);
            };
            d.append("    .reg .").append(type).append(" %_").append(kind).append('<').append(t.getValue()).append(">;\n");
        }
        return d.toString();
    }

    private String declare(Var v) {
        return regs.computeIfAbsent(v, k -> {
            String n = SPECIAL.contains(k.name) ? k.name + "_" : k.name;
            return "%" + n;
        });
    }

    private void blocks(Function f) {
        Set<Var> used = Analysis.usedVars(f);
        for (Var v : f.locals) if (v.kind != Var.Kind.LOCAL_ARRAY && !v.type.isArray() && v.type != Type.CONTEXT && used.contains(v)) declare(v);
        // Private arrays: .local memory of the thread (ptxas keeps them in registers when every index is constant).
        for (Var v : f.locals) {
            if (v.kind != Var.Kind.PRIVATE_ARRAY || !used.contains(v)) continue;
            int bytes = v.constantLength() * v.type.bytes;
            privateArrays.append("    .local .align 16 .b8 pmem_").append(v.name).append("[").append(bytes).append("];\n");
            arraySpace.put(v, "local");
            ins("mov.u64 " + declare(v) + ", pmem_" + v.name + ";");
        }
        for (Block b : f.blocks) {
            body.append("$B").append(b.id).append(":\n");
            for (Stmt s : b.stmts) stmt(s);
            switch (b.terminator) {
                case Block.Goto g -> ins("bra.uni $B" + g.target().id + ";");
                case Block.Branch br -> {
                    line(br.line());
                    String p = pred(br.condition());
                    ins("@" + p + " bra $B" + br.ifTrue().id + ";");
                    ins("bra.uni $B" + br.ifFalse().id + ";");
                }
                case Block.Return r -> {
                    line(r.line());
                    if (r.value() != null) {
                        String v = value(r.value());
                        ins("st.param." + ptype(fn.returnType) + " [retval], " + v + ";");
                    }
                    ins("ret;");
                }
            }
        }
    }

    // ------------------------------------------------------------------ statements

    /** One instruction (PtxMath emits through this, temp, label, placeLabel, value, reg and pred too). */
    void ins(String s) {
        body.append("    ").append(s).append('\n');
    }

    private void line(int javaLine) {
        if (javaLine > 0 && javaLine != lastLine) {
            lastLine = javaLine;
            body.append("    // line ").append(javaLine).append('\n');
        }
    }

    private void stmt(Stmt s) {
        line(s.line());
        switch (s) {
            case Stmt.Assign a -> {
                String dst = declare(a.target());
                if (a.target().type == Type.BOOLEAN) {
                    String p = pred(a.value());
                    ins("mov.pred " + dst + ", " + p + ";");
                } else {
                    String v = value(a.value(), dst);
                    if (!v.equals(dst)) ins("mov." + ptype(a.target().type) + " " + dst + ", " + v + ";");
                }
            }
            case Stmt.Store st -> {
                String addr = address(st.array(), st.index());
                String v = value(st.value());
                ins("st." + arraySpace.get(st.array()) + "." + storageType(st.array().type) + " [" + addr + "], " + v + ";");
            }
            case Stmt.LoadLanes ll -> {
                List<String> regs = new ArrayList<>();
                for (Var t : ll.targets()) regs.add(declare(t));
                laneAccess("ld", ll.source().array(), ll.source().index(), regs, true);
            }
            case Stmt.VectorStore vs when vs.value() instanceof Expr.VectorOf lanes -> {
                List<String> regs = new ArrayList<>();
                for (Expr x : lanes.lanes()) regs.add(reg(x));
                laneAccess("st", vs.array(), vs.index(), regs, false);
            }
            case Stmt.VectorStore vs -> throw scalarized(vs);
            case Stmt.AtomicAdd at -> {
                String addr = address(at.array(), at.index());
                ins("red." + arraySpace.get(at.array()) + ".add.s32 [" + addr + "], " + reg(at.value()) + ";");
            }
            case Stmt.Eval ev -> value(ev.call());
            case Stmt.NewPrivateArray na -> zero(na.array());
            case Stmt.Barrier b -> ins("bar.sync 0;");
        }
    }

    /** Java's zeroing of a new private array: unrolled stores for small ones, a loop for the rest. */
    private void zero(Var array) {
        String base = declare(array);
        String st = "st.local." + storageType(array.type);
        String zero = immediate(Expr.Const.zero(array.type.elementType()));
        int size = array.type.bytes, n = array.constantLength();
        if (n <= UNROLLED_ZEROING) {
            for (int k = 0; k < n; k++) ins(st + " [" + base + "+" + (k * size) + "], " + zero + ";");
            return;
        }
        String at = temp(Type.LONG), end = temp(Type.LONG), more = temp(Type.BOOLEAN), loop = label();
        ins("mov.u64 " + at + ", " + base + ";");
        ins("add.s64 " + end + ", " + base + ", " + ((long) n * size) + ";");
        placeLabel(loop);
        ins(st + " [" + at + "], " + zero + ";");
        ins("add.s64 " + at + ", " + at + ", " + size + ";");
        ins("setp.lt.s64 " + more + ", " + at + ", " + end + ";");
        ins("@" + more + " bra " + loop + ";");
    }

    /** Private arrays up to this many elements are zeroed by one store each. */
    private static final int UNROLLED_ZEROING = 32;

    // ------------------------------------------------------------------ expressions

    static String ptype(Type t) {
        return switch (t) {
            case INT -> "s32";
            case LONG -> "s64";
            case FLOAT -> "f32";
            case DOUBLE -> "f64";
            case BOOLEAN -> "pred";
            default -> throw new IllegalArgumentException("no PTX type for " + t);
        };
    }

    private static String bits(Type t) {
        return t == Type.LONG || t == Type.DOUBLE ? "b64" : "b32";
    }

    String temp(Type t) {
        String kind = switch (t) {
            case INT -> "r"; case LONG -> "rd"; case FLOAT -> "f"; case DOUBLE -> "fd"; case BOOLEAN -> "p";
            default -> "a";
        };
        int n = tempCounts.merge(kind, 1, Integer::sum) - 1;
        return "%_" + kind + n;
    }

    String label() {
        return "$L" + labels++;
    }

    static String immediate(Expr.Const c) {
        return switch (c.value()) {
            case Integer i -> String.valueOf(i);
            case Long l -> String.valueOf(l);
            case Float f -> PtxMath.f(f);
            case Double d -> PtxMath.d(d);
            default -> throw new IllegalArgumentException("no immediate for " + c.value());
        };
    }

    String value(Expr e) {
        return value(e, null);
    }

    /**
     * Loads or stores consecutive float lanes at array[index ..]: one address, then {@code .v4}
     * (or {@code .v2}) accesses where the index is a known multiple of the chunk (buffers and our
     * shared arrays are 16-byte aligned), else one access per lane at {@code [addr+4k]}.
     */
    private void laneAccess(String op, Var array, Expr index, List<String> regs, boolean load) {
        String addr = address(array, index);
        String space = arraySpace.get(array);
        int multiple = hetero.runtime.jit.Alignment.knownMultiple(index);
        int chunk = multiple % 4 == 0 && regs.size() % 4 == 0 ? 4 : multiple % 2 == 0 && regs.size() % 2 == 0 ? 2 : 1;
        int bytes = array.type.bytes;
        for (int k = 0; k < regs.size(); k += chunk) {
            String at = "[" + addr + (k == 0 ? "" : "+" + k * bytes) + "]";
            String vec = chunk == 1 ? "" : ".v" + chunk;
            String operand = chunk == 1 ? regs.get(k) : "{" + String.join(", ", regs.subList(k, k + chunk)) + "}";
            ins(load ? op + "." + space + vec + ".f32 " + operand + ", " + at + ";" : op + "." + space + vec + ".f32 " + at + ", " + operand + ";");
        }
    }

    /** PTX has no vector registers here: VectorLowering gives this target one scalar per lane (PtxTarget.nativeVectors() is false). */
    private static IllegalStateException scalarized(Object vectorIr) {
        return new IllegalStateException("vector IR reached the PTX emitter; VectorLowering scalarizes it first: " + vectorIr);
    }

    /** Emits e and returns the operand holding it (a register or an immediate); dst is a preferred destination. */
    private String value(Expr e, String dst) {
        Type t = e.type();
        switch (e) {
            case Expr.Const c -> {
                if (c.value() instanceof Boolean) return pred(c);
                return immediate(c);
            }
            case Expr.Local l -> {
                return declare(l.var());   // an array's register holds its address
            }
            case Expr.Binary b -> {
                return binary(b, dst == null ? temp(t) : dst);
            }
            case Expr.Neg n -> {
                String d = dst == null ? temp(t) : dst;
                ins("neg." + ptype(t) + " " + d + ", " + reg(n.operand()) + ";");
                return d;
            }
            case Expr.Convert c -> {
                return convert(c, dst == null ? temp(t) : dst);
            }
            case Expr.Compare _, Expr.Not _, Expr.Logic _ -> {
                String p = pred(e);
                String d = dst == null ? temp(Type.INT) : dst;
                ins("selp.s32 " + d + ", 1, 0, " + p + ";");
                return d;
            }
            case Expr.CmpValue c -> throw c.notLegalized();
            case Expr.Select s when ExprWalk.trivialSides(s) -> {
                String d = dst == null ? temp(t) : dst;
                String p = pred(s.cond());
                ins("selp." + ptype(t) + " " + d + ", " + value(s.ifTrue()) + ", " + value(s.ifFalse()) + ", " + p + ";");
                return d;
            }
            case Expr.Select s -> {
                // Only the chosen side is evaluated, as in Java (the other may index out of bounds).
                String d = dst == null ? temp(t) : dst;
                String p = pred(s.cond());
                String otherwise = label(), done = label();
                ins("@!" + p + " bra " + otherwise + ";");
                ins("mov." + ptype(t) + " " + d + ", " + value(s.ifTrue()) + ";");
                ins("bra.uni " + done + ";");
                placeLabel(otherwise);
                ins("mov." + ptype(t) + " " + d + ", " + value(s.ifFalse()) + ";");
                placeLabel(done);
                return d;
            }
            case Expr.ArrayLoad a -> {
                String addr = address(a.array(), a.index());
                String d = dst == null ? temp(t) : dst;
                ins("ld." + arraySpace.get(a.array()) + "." + storageType(a.array().type) + " " + d + ", [" + addr + "];");
                return d;
            }
            case Expr.ArrayLength a -> {
                if (a.array().isAllocatedArray()) return String.valueOf(a.array().constantLength());
                return lengthRegs.get(a.array());
            }
            case Expr.Intrinsic i -> {
                return PtxMath.emit(this, i, dst == null ? temp(t) : dst);
            }
            case Expr.Call c -> {
                return call(c, dst);
            }
            case Expr.VectorLoad _, Expr.VectorOf _, Expr.Lane _, Expr.WithLane _ -> throw scalarized(e);   // VectorOf: only as a VectorStore's lanes
            case Expr.WorkItem w -> {
                String d = dst == null ? temp(Type.INT) : dst;
                String axis = String.valueOf("xyz".charAt(w.dim()));
                switch (w.query()) {
                    case LOCAL_ID -> ins("mov.u32 " + d + ", %tid." + axis + ";");
                    case GROUP_ID -> ins("mov.u32 " + d + ", %ctaid." + axis + ";");
                    case LOCAL_SIZE -> ins("mov.u32 " + d + ", %ntid." + axis + ";");
                    case GLOBAL_ID -> {
                        String a = temp(Type.INT), b = temp(Type.INT), c = temp(Type.INT);
                        ins("mov.u32 " + a + ", %ctaid." + axis + ";");
                        ins("mov.u32 " + b + ", %ntid." + axis + ";");
                        ins("mov.u32 " + c + ", %tid." + axis + ";");
                        ins("mad.lo.s32 " + d + ", " + a + ", " + b + ", " + c + ";");
                    }
                    case GLOBAL_SIZE -> {
                        String a = temp(Type.INT), b = temp(Type.INT);
                        ins("mov.u32 " + a + ", %nctaid." + axis + ";");
                        ins("mov.u32 " + b + ", %ntid." + axis + ";");
                        ins("mul.lo.s32 " + d + ", " + a + ", " + b + ";");
                    }
                }
                return d;
            }
        }
    }

    /** Like value, but never an immediate (for instructions whose first operand must be a register). */
    String reg(Expr e) {
        String v = value(e);
        if (v.startsWith("%")) return v;
        String r = temp(e.type());
        ins("mov." + ptype(e.type()) + " " + r + ", " + v + ";");
        return r;
    }

    private String binary(Expr.Binary b, String d) {
        Type t = b.type();
        String ty = ptype(t);
        String x = reg(b.left()), y = value(b.right());
        if (t.isFloating()) {
            switch (b.op()) {
                case ADD -> ins("add.rn." + ty + " " + d + ", " + x + ", " + y + ";");
                case SUB -> ins("sub.rn." + ty + " " + d + ", " + x + ", " + y + ";");
                case MUL -> ins("mul.rn." + ty + " " + d + ", " + x + ", " + y + ";");
                case DIV -> ins("div.rn." + ty + " " + d + ", " + x + ", " + y + ";");
                case REM -> PtxMath.fmod(this, t, x, reg(b.right()), d);
                default -> throw new IllegalStateException(b.op() + " on " + t);
            }
            return d;
        }
        String bt = bits(t);
        switch (b.op()) {
            case ADD -> ins("add." + ty + " " + d + ", " + x + ", " + y + ";");
            case SUB -> ins("sub." + ty + " " + d + ", " + x + ", " + y + ";");
            case MUL -> ins("mul.lo." + ty + " " + d + ", " + x + ", " + y + ";");
            case AND -> ins("and." + bt + " " + d + ", " + x + ", " + y + ";");
            case OR -> ins("or." + bt + " " + d + ", " + x + ", " + y + ";");
            case XOR -> ins("xor." + bt + " " + d + ", " + x + ", " + y + ";");
            case SHL, SHR, USHR -> {
                String op = switch (b.op()) {
                    case SHL -> "shl." + bt;
                    case SHR -> "shr." + ty;
                    default -> "shr." + (t == Type.LONG ? "u64" : "u32");
                };
                ins(op + " " + d + ", " + x + ", " + y + ";");   // y: the count, computed once above
            }
            case DIV -> ins("div." + ty + " " + d + ", " + x + ", " + y + ";");
            case REM -> ins("rem." + ty + " " + d + ", " + x + ", " + y + ";");
        }
        return d;
    }

    private String convert(Expr.Convert c, String d) {
        String a = reg(c.operand());
        String s = switch (c.op()) {
            case I2L -> "cvt.s64.s32";
            case I2F -> "cvt.rn.f32.s32";
            case I2D -> "cvt.rn.f64.s32";
            case L2I -> "cvt.u32.u64";
            case L2F -> "cvt.rn.f32.s64";
            case L2D -> "cvt.rn.f64.s64";
            case F2I -> "cvt.rzi.s32.f32";
            case F2L -> "cvt.rzi.s64.f32";
            case F2D -> "cvt.f64.f32";
            case D2I -> "cvt.rzi.s32.f64";
            case D2L -> "cvt.rzi.s64.f64";
            case D2F -> "cvt.rn.f32.f64";
            case I2B, I2S, I2C -> null;   // below
        };
        switch (c.op()) {
            case I2B -> ins("bfe.s32 " + d + ", " + a + ", 0, 8;");
            case I2S -> ins("bfe.s32 " + d + ", " + a + ", 0, 16;");
            case I2C -> ins("and.b32 " + d + ", " + a + ", 65535;");
            default -> ins(s + " " + d + ", " + a + ";");
        }
        return d;
    }

    /** A predicate register holding the boolean e; && and || keep Java's short-circuit evaluation. */
    String pred(Expr e) {
        switch (e) {
            case Expr.Const c when c.value() instanceof Boolean bv -> {
                String p = temp(Type.BOOLEAN);
                ins("setp.ne.s32 " + p + ", " + (bv ? 1 : 0) + ", 0;");
                return p;
            }
            case Expr.Compare c -> {
                Type t = c.left().type();
                String a = reg(c.left()), b = value(c.right());
                String cmp = switch (c.op()) {
                    case EQ -> "eq";
                    case NE -> t.isFloating() ? "neu" : "ne";
                    case LT -> "lt";
                    case LE -> "le";
                    case GT -> "gt";
                    case GE -> "ge";
                };
                String p = temp(Type.BOOLEAN);
                ins("setp." + cmp + "." + ptype(t) + " " + p + ", " + a + ", " + b + ";");
                return p;
            }
            case Expr.Not n -> {
                String q = pred(n.operand());
                String p = temp(Type.BOOLEAN);
                ins("not.pred " + p + ", " + q + ";");
                return p;
            }
            case Expr.Logic l -> {
                String p = temp(Type.BOOLEAN);
                String done = label();
                ins("mov.pred " + p + ", " + pred(l.left()) + ";");
                ins("@" + (l.and() ? "!" : "") + p + " bra " + done + ";");
                ins("mov.pred " + p + ", " + pred(l.right()) + ";");
                placeLabel(done);
                return p;
            }
            case Expr.Local l when l.var().type == Type.BOOLEAN -> {
                return declare(l.var());
            }
            default -> {
                if (e.type() == Type.BOOLEAN) throw new IllegalStateException("boolean " + e);
                String v = reg(e);
                String p = temp(Type.BOOLEAN);
                ins("setp.ne." + ptype(e.type()) + " " + p + ", " + v + ", 0;");
                return p;
            }
        }
    }

    /** The memory type of an array's elements; narrow ones load sign-extended (char: zero-extended) into 32-bit registers. */
    private static String storageType(Type array) {
        return switch (array) {
            case SHORT_ARRAY -> "s16";
            case BYTE_ARRAY -> "s8";
            case CHAR_ARRAY -> "u16";
            default -> ptype(array.elementType());
        };
    }

    private String address(Var array, Expr index) {
        String base = declare(array);
        int size = array.type.bytes;
        String off = temp(Type.LONG);
        String a = temp(Type.LONG);
        if (index instanceof Expr.Const c) {
            ins("add.s64 " + a + ", " + base + ", " + (c.number().longValue() * size) + ";");
            return a;
        }
        // A long index comes from the overflow-free indexing pass (Java's are int): already 64-bit.
        ins((index.type() == Type.LONG ? "mul.lo.s64 " : "mul.wide.s32 ") + off + ", " + reg(index) + ", " + size + ";");
        ins("add.s64 " + a + ", " + base + ", " + off + ";");
        return a;
    }

    private String call(Expr.Call c, String dst) {
        Function callee = c.callee();
        List<String> spaces = new ArrayList<>();
        List<String[]> params = new ArrayList<>();
        for (Expr a : functions.args(c)) {
            if (a.type().isArray()) spaces.add(arraySpace.get(((Expr.Local) a).var()));
            params.add(new String[]{a.type().isArray() ? "u64" : ptype(a.type()), value(a)});
        }
        String name = functions.instance(callee, spaces, callee.name, n -> {
            PtxEmitter sub = new PtxEmitter(callee, functions);
            List<String> loads = new ArrayList<>();
            List<String> ps = sub.params(functions.params(callee), spaces, loads, false);
            for (String l : loads) sub.ins(l);
            sub.blocks(callee);
            String ret = callee.returnType == Type.VOID ? "" : "(.param ." + ptype(callee.returnType) + " retval) ";
            functions.texts.add("// " + callee.owner + "::" + callee.name + "\n.func " + ret + n + "(" + String.join(", ", ps) + ")\n{\n"
                    + sub.declarations() + sub.body + "}");
            return n;
        });
        ins("{");
        List<String> names = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            ins("    .param ." + params.get(k)[0] + " arg" + k + ";");
            ins("    st.param." + params.get(k)[0] + " [arg" + k + "], " + params.get(k)[1] + ";");
            names.add("arg" + k);
        }
        String d = null;
        if (callee.returnType != Type.VOID) {
            d = dst == null ? temp(callee.returnType) : dst;
            ins("    .param ." + ptype(callee.returnType) + " ret;");
            ins("    call.uni (ret), " + name + ", (" + String.join(", ", names) + ");");
            ins("    ld.param." + ptype(callee.returnType) + " " + d + ", [ret];");
        } else {
            ins("    call.uni " + name + ", (" + String.join(", ", names) + ");");
        }
        ins("}");
        return d;
    }

    /** Places label l here (labels come from {@link #label}). */
    void placeLabel(String l) {
        body.append(l).append(":\n");
    }

    /** Used by PtxMath: double math it cannot do. */
    UnsupportedKernelException unsupported(String what) {
        return new UnsupportedKernelException(fn.owner, fn.name, 0, 0, what + " is not supported by the PTX backend");
    }
}
