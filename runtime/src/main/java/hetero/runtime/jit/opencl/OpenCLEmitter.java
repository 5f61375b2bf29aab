package hetero.runtime.jit.opencl;

import hetero.runtime.jit.Analysis;
import hetero.runtime.jit.CNames;
import hetero.runtime.jit.DeviceFunctions;
import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Negation;
import hetero.runtime.jit.Specializer;
import hetero.runtime.jit.Structurer;
import hetero.runtime.jit.Structurer.Node;
import hetero.runtime.jit.ir.Block;
import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Stmt;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Emits OpenCL C from the IR, meant to be read: Java names for parameters and locals, loops as
 * loops, the Java source line beside each statement. It prints legalized IR (see
 * LegalizeJavaSemantics), so it knows C, not Java; the IR's own rules are kept where C differs:
 * <ul>
 * <li>int/long +, -, * and unary minus wrap: they are computed in uint/ulong and cast back,
 *     because signed overflow is undefined in C and compilers exploit that; left and unsigned
 *     right shifts go through unsigned too;</li>
 * <li>float-to-integer conversions saturate (convert_int_sat_rtz);</li>
 * <li>FP_CONTRACT is off, so a*b+c rounds twice as in Java; kernels ask for FMA with KMath.fma.</li>
 * </ul>
 */
public final class OpenCLEmitter {
    // C operator precedence, higher binds tighter.
    private static final int COND = 3, LOR = 4, LAND = 5, BOR = 6, BXOR = 7, BAND = 8, EQ = 9, REL = 10, SHIFT = 11,
            ADD = 12, MUL = 13, UNARY = 15, PRIMARY = 16;

    private final StringBuilder out = new StringBuilder();
    private final DeviceFunctions<String, String> functions;

    // State of the function being emitted (each device function has an emitter of its own).
    private final Function fn;
    private final Map<Var, String> arraySpace = new HashMap<>();
    private int lastLine = -1;
    private int indent = 1;

    private OpenCLEmitter(Function fn, DeviceFunctions<String, String> functions) {
        this.fn = fn;
        this.functions = functions;
        for (Var v : fn.locals) if (v.kind == Var.Kind.LOCAL_ARRAY) arraySpace.put(v, "__local");
        for (Var v : fn.locals) if (v.kind == Var.Kind.PRIVATE_ARRAY) arraySpace.put(v, "__private");
    }

    /**
     * @param noAlias true when every array argument is a different array, so the pointers can be
     *                declared restrict (it lets the compiler vectorize and hoist loads)
     */
    public static KernelSource emit(Specializer.Specialized spec, KernelAbi abi, boolean noAlias, long startNanos) {
        Function f = spec.function();
        String text = new OpenCLEmitter(f, new DeviceFunctions<>(CNames.safe(f.name))).kernel(spec, abi, noAlias);
        return new KernelSource("opencl", CNames.safe(f.name), text, null, null, System.nanoTime() - startNanos);
    }

    private String kernel(Specializer.Specialized spec, KernelAbi abi, boolean noAlias) {
        Function f = spec.function();
        // device functions first (emitted on demand while printing calls, so print the kernel body first)
        String sig = "__kernel void " + CNames.safe(f.name) + "(" + params(abi.args(), Collections.nCopies(abi.args().size(), "__global"),
                abi.writes(), noAlias) + ")";
        for (Map.Entry<Var, Expr.Const> c : spec.constants().entrySet()) {
            line("// specialized: " + c.getKey().name + " = " + literal(c.getValue()));
        }
        for (Var v : f.locals) {
            Integer size = v.kind == Var.Kind.LOCAL_ARRAY ? abi.localArrays().get(v.name) : null;
            if (size != null) line("__local " + ctype(v.type.elementType()) + " " + v.name + "[" + size + "];");
        }
        functionBody(f);

        StringBuilder src = new StringBuilder();
        src.append("// Generated from ").append(f.owner).append("::").append(f.name).append(" (").append(f.sourceFile).append(")\n");
        src.append("#pragma OPENCL FP_CONTRACT OFF\n");
        if (abi.usesDoubles()) src.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        for (String text : functions.texts) src.append('\n').append(text);
        src.append('\n').append(sig).append(" {\n").append(out).append("}\n");
        return src.toString();
    }

    /** Declarations and statements of the current function into out. */
    private void functionBody(Function f) {
        Set<Var> used = Analysis.usedVars(f);
        Map<String, List<String>> decls = new TreeMap<>();
        for (Var v : f.locals) {
            if (v.kind == Var.Kind.LOCAL_ARRAY || !used.contains(v)) continue;
            if (v.type.isArray() || v.type == Type.CONTEXT) continue;
            decls.computeIfAbsent(ctype(v.type), k -> new ArrayList<>()).add(v.name);
        }
        for (Map.Entry<String, List<String>> d : decls.entrySet()) line(d.getKey() + " " + String.join(", ", d.getValue()) + ";");
        // Private arrays: one C array per function, zeroed where Java allocates it (Stmt.NewPrivateArray).
        for (Var v : f.locals) {
            if (v.kind == Var.Kind.PRIVATE_ARRAY && used.contains(v)) line(ctype(v.type.elementType()) + " " + v.name + "[" + v.constantLength() + "];");
        }
        Node structured = Structurer.structure(f);
        if (structured != null) {
            if (structured instanceof Structurer.Seq seq && !seq.nodes().isEmpty()
                    && seq.nodes().getLast() instanceof Structurer.Return r && r.value() == null) {
                structured = new Structurer.Seq(seq.nodes().subList(0, seq.nodes().size() - 1));
            }
            node(structured);
        } else {
            gotoForm(f);
        }
    }

    // ------------------------------------------------------------------ statements

    private void line(String s) {
        out.append("    ".repeat(indent)).append(s).append('\n');
    }

    private void line(String s, int javaLine) {
        if (javaLine > 0 && javaLine != lastLine) {
            lastLine = javaLine;
            line(s + "  // line " + javaLine);
        } else {
            line(s);
        }
    }

    private void node(Node n) {
        switch (n) {
            case Structurer.Seq s -> { for (Node c : s.nodes()) node(c); }
            case Structurer.Statement st -> stmt(st.stmt());
            case Structurer.If f -> {
                boolean thenEmpty = empty(f.then());
                Expr cond = thenEmpty ? Negation.of(f.cond()) : f.cond();
                Node then = thenEmpty ? f.otherwise() : f.then();
                Node otherwise = thenEmpty ? null : f.otherwise();
                line("if (" + expr(cond, 0) + ") {", f.line());
                indent++;
                node(then);
                indent--;
                if (otherwise != null && !empty(otherwise)) {
                    line("} else {");
                    indent++;
                    node(otherwise);
                    indent--;
                }
                line("}");
            }
            case Structurer.Loop l -> {
                if (l.init() != null) {
                    line("for (" + l.init().target().name + " = " + expr(l.init().value(), 0) + "; " + expr(l.cond(), 0) + "; "
                            + update(l) + ") {", l.init().line());
                } else if (l.cond() != null) {
                    line("while (" + expr(l.cond(), 0) + ") {", l.line());
                } else {
                    line("for (;;) {", l.line());
                }
                indent++;
                node(l.body());
                indent--;
                line("}");
            }
            case Structurer.Break b -> line("break;");
            case Structurer.Continue c -> line("continue;");
            case Structurer.Return r -> line(r.value() == null ? "return;" : "return " + expr(r.value(), 0) + ";", r.line());
        }
    }

    /**
     * The update of a for loop. {@code v = v + 1} under {@code v < bound} cannot overflow (v < bound <= MAX),
     * so it prints as {@code v++}; anything else keeps its wrapping form.
     */
    private String update(Structurer.Loop l) {
        Stmt.Assign u = l.update();
        Var v = u.target();
        if (u.value() instanceof Expr.Binary b && b.op() == BinOp.ADD && b.left() instanceof Expr.Local lv && lv.var() == v
                && b.right() instanceof Expr.Const c && c.number().longValue() == 1
                && l.cond() instanceof Expr.Compare cmp && cmp.op() == Expr.CmpOp.LT && cmp.left() instanceof Expr.Local cl
                && cl.var() == v && cmp.right().type() == v.type) {
            return v.name + "++";
        }
        return v.name + " = " + expr(u.value(), 0);
    }

    private static boolean empty(Node n) {
        return n instanceof Structurer.Seq s && s.nodes().stream().allMatch(OpenCLEmitter::empty);
    }

    private void stmt(Stmt s) {
        switch (s) {
            // v.set(k, x) on a vector variable reads best as the lane assignment it is
            case Stmt.Assign a when a.value() instanceof Expr.WithLane w && w.vector() instanceof Expr.Local l && l.var() == a.target() ->
                    line(a.target().name + "." + laneName(w.lane()) + " = " + expr(w.value(), 0) + ";", a.line());
            case Stmt.Assign a -> line(a.target().name + " = " + expr(a.value(), 0) + ";", a.line());
            case Stmt.Store st -> line(st.array().name + "[" + index(st.index(), 0) + "] = " + expr(st.value(), 0) + ";", st.line());
            case Stmt.VectorStore vs -> line("vstore" + vs.value().type().lanes() + "(" + expr(vs.value(), 0) + ", 0, " + vs.array().name
                    + " + " + expr(vs.index(), ADD + 1) + ");", vs.line());
            case Stmt.LoadLanes ll -> throw new IllegalStateException("OpenCL C has vector types; VectorLowering keeps vector loads for it: " + ll);
            case Stmt.AtomicAdd at -> line("atomic_add(&" + at.array().name + "[" + index(at.index(), 0) + "], " + expr(at.value(), 0) + ");", at.line());
            case Stmt.Eval ev -> line(expr(ev.call(), 0) + ";", ev.line());
            case Stmt.NewPrivateArray na -> {
                Var a = na.array();
                String i = a.name + "_i";
                line("for (int " + i + " = 0; " + i + " < " + a.constantLength() + "; " + i + "++) " + a.name + "[" + i + "] = "
                        + literal(Expr.Const.zero(a.type.elementType())) + ";", na.line());
            }
            case Stmt.Barrier b -> line(b.global() ? "barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);" : "barrier(CLK_LOCAL_MEM_FENCE);", b.line());
        }
    }

    /** Labels and gotos: valid OpenCL C for any CFG. */
    private void gotoForm(Function f) {
        for (Block b : f.blocks) {
            indent--;
            line("B" + b.id + ": ;");
            indent++;
            for (Stmt s : b.stmts) stmt(s);
            switch (b.terminator) {
                case Block.Goto g -> line("goto B" + g.target().id + ";");
                case Block.Branch br -> line("if (" + expr(br.condition(), 0) + ") goto B" + br.ifTrue().id + "; else goto B" + br.ifFalse().id + ";", br.line());
                case Block.Return r -> line(r.value() == null ? "return;" : "return " + expr(r.value(), 0) + ";", r.line());
            }
        }
    }

    // ------------------------------------------------------------------ expressions

    /** The C type of an array's elements: Java's short/byte/char are short, char (signed) and ushort. */
    static String elementCType(Type array) {
        return switch (array) {
            case SHORT_ARRAY -> "short";
            case BYTE_ARRAY -> "char";
            case CHAR_ARRAY -> "ushort";
            default -> ctype(array.elementType());
        };
    }

    static String ctype(Type t) {
        return switch (t) {
            case BOOLEAN -> "bool";
            case INT -> "int";
            case LONG -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case FLOAT2, FLOAT4, FLOAT8, FLOAT16 -> ctype(t.laneType()) + t.lanes();
            default -> throw new IllegalArgumentException("no C type for " + t);
        };
    }

    private String expr(Expr e, int minPrec) {
        String[] text = new String[1];
        int prec = render(e, text);
        return prec < minPrec ? "(" + text[0] + ")" : text[0];
    }

    /** Renders e into text[0]; returns its precedence. */
    private int render(Expr e, String[] text) {
        switch (e) {
            case Expr.Const c -> {
                text[0] = literal(c);
                return text[0].startsWith("-") || text[0].startsWith("(") ? UNARY : PRIMARY;
            }
            case Expr.Local l -> {
                text[0] = l.var().name;
                return PRIMARY;
            }
            case Expr.Binary b -> {
                return binary(b, text);
            }
            case Expr.Neg n -> {
                if (n.type().isFloating()) {
                    text[0] = "-" + expr(n.operand(), UNARY);
                } else {
                    text[0] = "(" + ctype(n.type()) + ")(" + zero(n.type()) + " - " + unsigned(n.operand(), ADD + 1) + ")";
                }
                return UNARY;
            }
            case Expr.Convert c -> {
                String a = expr(c.operand(), UNARY);
                text[0] = switch (c.op()) {
                    case F2I, D2I, F2L, D2L -> "convert_" + ctype(c.type()) + "_sat_rtz(" + expr(c.operand(), 0) + ")";
                    case I2B -> "(int)(char)" + a;
                    case I2C -> "(int)(ushort)" + a;
                    case I2S -> "(int)(short)" + a;
                    default -> "(" + ctype(c.type()) + ")" + a;
                };
                return text[0].startsWith("convert_") ? PRIMARY : UNARY;
            }
            case Expr.Compare c -> {
                int p = c.op() == Expr.CmpOp.EQ || c.op() == Expr.CmpOp.NE ? EQ : REL;
                text[0] = expr(c.left(), p) + " " + c.op().symbol + " " + expr(c.right(), p + 1);
                return p;
            }
            case Expr.Not n -> {
                text[0] = "!" + expr(n.operand(), UNARY);
                return UNARY;
            }
            case Expr.Logic l -> {
                int p = l.and() ? LAND : LOR;
                text[0] = expr(l.left(), p) + (l.and() ? " && " : " || ") + expr(l.right(), p + 1);
                return p;
            }
            case Expr.CmpValue c -> throw c.notLegalized();
            case Expr.Select s -> {
                text[0] = expr(s.cond(), LOR) + " ? " + expr(s.ifTrue(), LOR) + " : " + expr(s.ifFalse(), COND);
                return COND;
            }
            case Expr.ArrayLoad a -> {
                text[0] = a.array().name + "[" + index(a.index(), 0) + "]";
                return PRIMARY;
            }
            case Expr.VectorLoad v -> {
                // vloadN(0, p) reads p[0 .. N-1] at any alignment of p
                text[0] = "vload" + v.type().lanes() + "(0, " + v.array().name + " + " + expr(v.index(), ADD + 1) + ")";
                return PRIMARY;
            }
            case Expr.VectorOf v -> {
                List<String> lanes = new ArrayList<>();
                for (Expr x : v.lanes()) lanes.add(expr(x, 0));
                text[0] = "(" + ctype(v.type()) + ")(" + String.join(", ", lanes) + ")";
                return UNARY;
            }
            case Expr.Lane l -> {
                text[0] = expr(l.vector(), PRIMARY) + "." + laneName(l.lane());
                return PRIMARY;
            }
            case Expr.WithLane w -> {
                // a vector literal with one lane replaced (the vector is a variable or another pure expression)
                int k = ((Expr.Const) w.lane()).number().intValue();
                List<String> lanes = new ArrayList<>();
                String v = expr(w.vector(), PRIMARY);
                for (int i = 0; i < w.type().lanes(); i++) lanes.add(i == k ? expr(w.value(), 0) : v + ".s" + Integer.toHexString(i));
                text[0] = "(" + ctype(w.type()) + ")(" + String.join(", ", lanes) + ")";
                return UNARY;
            }
            case Expr.ArrayLength a -> {
                if (a.array().isAllocatedArray()) {
                    text[0] = String.valueOf(a.array().constantLength());
                } else {
                    text[0] = a.array().name + "_length";
                }
                return PRIMARY;
            }
            case Expr.Intrinsic i -> {
                text[0] = intrinsic(i);
                return text[0].startsWith("(") ? UNARY : PRIMARY;
            }
            case Expr.Call c -> {
                text[0] = call(c);
                return PRIMARY;
            }
            case Expr.WorkItem w -> {
                String fnName = switch (w.query()) {
                    case GLOBAL_ID -> "get_global_id";
                    case LOCAL_ID -> "get_local_id";
                    case GROUP_ID -> "get_group_id";
                    case GLOBAL_SIZE -> "get_global_size";
                    case LOCAL_SIZE -> "get_local_size";
                };
                text[0] = "(int)" + fnName + "(" + w.dim() + ")";
                return UNARY;
            }
        }
    }

    /** OpenCL C's name of a constant lane: s0 .. s9, sa .. sf. */
    private static String laneName(Expr lane) {
        return "s" + Integer.toHexString(((Expr.Const) lane).number().intValue());
    }

    private static String zero(Type t) {
        return t == Type.LONG ? "0ul" : "0u";
    }

    private int binary(Expr.Binary b, String[] text) {
        Type t = b.type();
        if (t.isFloating() || t.isVector()) {
            switch (b.op()) {
                case ADD, SUB -> {
                    text[0] = expr(b.left(), ADD) + " " + b.op().symbol + " " + expr(b.right(), ADD + 1);
                    return ADD;
                }
                case MUL, DIV -> {
                    text[0] = expr(b.left(), MUL) + " " + b.op().symbol + " " + expr(b.right(), MUL + 1);
                    return MUL;
                }
                case REM -> {
                    text[0] = "fmod(" + expr(b.left(), 0) + ", " + expr(b.right(), 0) + ")";
                    return PRIMARY;
                }
                default -> throw new IllegalStateException("bitwise " + b.op() + " on " + t);
            }
        }
        String ct = ctype(t);
        switch (b.op()) {
            case ADD, SUB, MUL -> {
                text[0] = "(" + ct + ")(" + unsigned(b, 0) + ")";
                return UNARY;
            }
            case DIV, REM -> {
                text[0] = expr(b.left(), MUL) + " " + b.op().symbol + " " + expr(b.right(), MUL + 1);
                return MUL;
            }
            case AND, OR, XOR -> {
                int p = b.op() == BinOp.AND ? BAND : b.op() == BinOp.OR ? BOR : BXOR;
                text[0] = expr(b.left(), p) + " " + b.op().symbol + " " + expr(b.right(), p + 1);
                return p;
            }
            case SHL, SHR, USHR -> {
                String count = expr(b.right(), SHIFT + 1);
                String u = t == Type.LONG ? "ulong" : "uint";
                if (b.op() == BinOp.SHR) {
                    text[0] = expr(b.left(), SHIFT) + " >> " + count;
                    return SHIFT;
                }
                text[0] = "(" + ct + ")((" + u + ")" + expr(b.left(), UNARY) + (b.op() == BinOp.SHL ? " << " : " >> ") + count + ")";
                return UNARY;
            }
        }
        throw new IllegalStateException();
    }

    /**
     * An array index. Java's indices are int; a long one comes from the overflow-free indexing pass, which
     * proved for the launches that run this variant that its chain of + - * never leaves int: that chain
     * prints as plain 64-bit C, with no wrap casts, so the compiler may combine and hoist the address math.
     */
    private String index(Expr e, int minPrec) {
        if (e.type() == Type.LONG && e instanceof Expr.Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB || b.op() == BinOp.MUL)) {
            int p = b.op() == BinOp.MUL ? MUL : ADD;
            String s = index(b.left(), p) + " " + b.op().symbol + " " + index(b.right(), p + 1);
            return p < minPrec ? "(" + s + ")" : s;
        }
        return expr(e, minPrec);
    }

    /** An int/long expression rendered in uint/ulong so that + - * wrap as in Java. */
    private String unsigned(Expr e, int minPrec) {
        Type t = e.type();
        String u = t == Type.LONG ? "ulong" : "uint";
        if (e instanceof Expr.Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB || b.op() == BinOp.MUL) && b.type() == t) {
            BinOp op = b.op();
            Expr right = b.right();
            if (op == BinOp.ADD && right instanceof Expr.Const c && c.number().longValue() < 0 && c.number().longValue() != Long.MIN_VALUE
                    && !(t == Type.INT && c.number().intValue() == Integer.MIN_VALUE)) {
                op = BinOp.SUB;
                right = new Expr.Const(t, t == Type.LONG ? (Object) (-c.number().longValue()) : (Object) (-c.number().intValue()));
            }
            int p = op == BinOp.MUL ? MUL : ADD;
            String s = unsigned(b.left(), p) + " " + op.symbol + " " + unsigned(right, p + 1);
            return p < minPrec ? "(" + s + ")" : s;
        }
        if (e instanceof Expr.Const c && c.number().longValue() >= 0) {
            return c.number().longValue() + (t == Type.LONG ? "ul" : "u");
        }
        if (e instanceof Expr.WorkItem) {
            return "(" + u + ")" + expr(e, UNARY).substring("(int)".length());
        }
        return "(" + u + ")" + expr(e, UNARY);
    }

    static String literal(Expr.Const c) {
        Object v = c.value();
        return switch (v) {
            case Boolean b -> b ? "true" : "false";
            case Integer i -> i == Integer.MIN_VALUE ? "(-2147483647 - 1)" : String.valueOf(i);
            case Long l -> l == Long.MIN_VALUE ? "(-9223372036854775807L - 1L)" : l + "L";
            case Float f -> {
                if (f.isNaN()) yield "NAN";
                if (f.isInfinite()) yield f > 0 ? "INFINITY" : "-INFINITY";
                String s = Float.toString(f);
                yield s + "f";
            }
            case Double d -> {
                if (d.isNaN()) yield "(double)NAN";
                if (d.isInfinite()) yield d > 0 ? "(double)INFINITY" : "(-(double)INFINITY)";
                yield Double.toString(d);
            }
            default -> throw new IllegalArgumentException("no literal for " + v);
        };
    }

    private String intrinsic(Expr.Intrinsic i) {
        List<String> a = new ArrayList<>();
        for (Expr x : i.args()) a.add(expr(x, 0));
        String args = String.join(", ", a);
        Type t = i.type();
        String builtin = i.fn().spelling() + "(" + args + ")";
        return switch (i.fn()) {
            // OpenCL C's builtins spelled as the constants (fmax/fmin: C's rules; -0.0 is legalized)
            case EXP, LOG, LOG10, SQRT, RSQRT, CBRT, SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, TANH, ERF,
                 FLOOR, CEIL, POW, FMA, FMAX, FMIN, MAX, MIN -> builtin;
            case ABS -> t.isFloating() ? "fabs(" + args + ")" : "(" + ctype(t) + ")abs(" + args + ")";
            case ISNAN, ISINF -> "(int)" + builtin;
            case BITS_AS_INT -> "as_int(" + args + ")";
            case BITS_AS_FLOAT -> "as_float(" + args + ")";
            case BITS_AS_LONG -> "as_long(" + args + ")";
            case BITS_AS_DOUBLE -> "as_double(" + args + ")";
            case JAVA_MAX, JAVA_MIN, JAVA_SIGNUM -> throw i.fn().notLegalized();
        };
    }

    // ------------------------------------------------------------------ device functions

    /**
     * The C parameter list of the function being emitted (a kernel's ABI or a device function's
     * parameters); each array goes to the next of spaces, const unless written.
     */
    private String params(List<KernelAbi.Arg> args, List<String> spaces, Set<Integer> written, boolean restrict) {
        List<String> ps = new ArrayList<>();
        int s = 0;
        for (KernelAbi.Arg a : args) {
            if (a.kind() != KernelAbi.Arg.Kind.BUFFER) {
                ps.add(ctype(a.type()) + " " + a.name());
                continue;
            }
            String space = spaces.get(s++);
            arraySpace.put(fn.params.get(a.javaIndex()), space);
            ps.add(space + " " + (written.contains(a.javaIndex()) ? "" : "const ") + elementCType(a.type()) + "* " + (restrict ? "restrict " : "") + a.name());
        }
        return String.join(", ", ps);
    }

    /** A call of the callee's instance for the address spaces of the arrays passed, emitted on first use. */
    private String call(Expr.Call c) {
        Function callee = c.callee();
        List<String> spaces = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (Expr a : functions.args(c)) {
            if (a.type().isArray()) spaces.add(arraySpace.get(((Expr.Local) a).var()));
            args.add(expr(a, 0));
        }
        String name = functions.instance(callee, spaces, CNames.safe(callee.name), n -> {
            OpenCLEmitter sub = new OpenCLEmitter(callee, functions);
            String ps = sub.params(functions.params(callee), spaces, functions.facts().writtenParams(callee), false);
            sub.functionBody(callee);
            functions.texts.add("// " + callee.owner + "::" + callee.name + "\n"
                    + (callee.returnType == Type.VOID ? "void" : ctype(callee.returnType)) + " " + n + "(" + ps + ") {\n" + sub.out + "}\n");
            return n;
        });
        return name + "(" + String.join(", ", args) + ")";
    }
}
