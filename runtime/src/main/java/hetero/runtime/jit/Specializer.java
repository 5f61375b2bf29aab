package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Type;
import hetero.runtime.jit.ir.Var;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runtime specialization: folds scalar parameters fixed when the plan is built (head size, tile
 * sizes) into the kernel as constants, folds constant expressions with Java's semantics, and drops
 * branches that became constant. Returns a new function; the parsed one stays shared and untouched.
 */
public final class Specializer {
    private Specializer() {
    }

    /** A specialised copy of f, with the folded parameters recorded in {@link Specialized#constants()}. */
    public record Specialized(Function function, Map<Var, Expr.Const> constants) {}

    /**
     * Folds the parameters at these indices (already checked by {@link KernelRef#parameterIndex}) into
     * a copy of f. Local arrays whose size changes are copied too: f itself stays as the frontend
     * cached it, so another specialization of the same kernel sees the original sizes.
     */
    public static Specialized apply(Function f, Map<Integer, Object> values) {
        Map<Var, Expr.Const> constants = new LinkedHashMap<>();
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            int index = e.getKey();
            Var p = f.params.stream().filter(v -> v.paramIndex == index).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(f.qualifiedName() + " has no parameter " + index));
            if (p.type.isArray() || p.type == Type.CONTEXT) {
                throw new IllegalArgumentException("only scalar parameters can be specialized, '" + p.name + "' is " + p.type.javaName);
            }
            constants.put(p, constant(p.type, e.getValue()));
        }
        // Nothing to fold: the function as parsed is already what this pass guarantees (javac folded its
        // constant expressions, local and private arrays have constant sizes), and later passes copy before they change anything.
        if (constants.isEmpty() && f.locals.stream().allMatch(v -> !v.isAllocatedArray() || v.localArraySize instanceof Expr.Const)) {
            return new Specialized(f, constants);
        }
        Map<Var, Var> copies = IrCopy.none();
        for (Var v : f.locals) {
            if (!v.isAllocatedArray()) continue;
            Var c = IrCopy.copyOf(v);
            c.localArraySize = fold(v.localArraySize, constants);
            copies.put(v, c);
        }
        return new Specialized(IrCopy.copy(f, e -> fold(e, constants), copies), constants);
    }

    /** A scalar argument as an IR constant; boolean and char arguments are ints in the IR, as on the JVM. */
    static Expr.Const constant(Type t, Object v) {
        Object n = v instanceof Boolean b ? (b ? 1 : 0) : v instanceof Character ch ? (int) ch : v;
        if (!(n instanceof Number num)) {
            throw new IllegalArgumentException("cannot specialize a " + t.javaName + " parameter with " + v);
        }
        return switch (t) {
            case INT -> new Expr.Const(Type.INT, num.intValue());
            case LONG -> new Expr.Const(Type.LONG, num.longValue());
            case FLOAT -> new Expr.Const(Type.FLOAT, num.floatValue());
            case DOUBLE -> new Expr.Const(Type.DOUBLE, num.doubleValue());
            default -> throw new IllegalArgumentException("cannot specialize a " + t);
        };
    }

    public static Expr fold(Expr e, Map<Var, Expr.Const> constants) {
        if (e == null) return null;
        return ExprWalk.map(e, x -> {
            if (x instanceof Expr.Local l && constants.containsKey(l.var())) return constants.get(l.var());
            return foldNode(x);
        });
    }

    /** Folds one node whose children are already folded; Java's own operators give Java's semantics. */
    static Expr foldNode(Expr x) {
        switch (x) {
            case Expr.Binary b when b.left() instanceof Expr.Const l && b.right() instanceof Expr.Const r -> {
                Object v = binary(b.op(), b.type(), l.value(), r.value());
                return v == null ? b : new Expr.Const(b.type(), v);
            }
            case Expr.Neg n when n.operand() instanceof Expr.Const c -> {
                return new Expr.Const(n.type(), switch (c.value()) {
                    case Integer i -> -i;
                    case Long l -> -l;
                    case Float f -> -f;
                    case Double d -> -d;
                    default -> c.value();
                });
            }
            case Expr.Convert cv when cv.operand() instanceof Expr.Const c && c.value() instanceof Number num -> {
                Object v = switch (cv.op()) {
                    case I2L -> (long) num.intValue();
                    case I2F -> (float) num.intValue();
                    case I2D -> (double) num.intValue();
                    case L2I -> (int) num.longValue();
                    case L2F -> (float) num.longValue();
                    case L2D -> (double) num.longValue();
                    case F2I -> (int) num.floatValue();
                    case F2L -> (long) num.floatValue();
                    case F2D -> (double) num.floatValue();
                    case D2I -> (int) num.doubleValue();
                    case D2L -> (long) num.doubleValue();
                    case D2F -> (float) num.doubleValue();
                    case I2B -> (int) (byte) num.intValue();
                    case I2C -> (int) (char) num.intValue();
                    case I2S -> (int) (short) num.intValue();
                };
                return new Expr.Const(cv.type(), v);
            }
            case Expr.Compare c when c.left() instanceof Expr.Const l && c.right() instanceof Expr.Const r
                    && l.value() instanceof Number a && r.value() instanceof Number b -> {
                boolean floating = c.left().type().isFloating();
                double x1 = a.doubleValue(), y1 = b.doubleValue();
                long x2 = a.longValue(), y2 = b.longValue();
                boolean v = switch (c.op()) {
                    case EQ -> floating ? x1 == y1 : x2 == y2;
                    case NE -> floating ? x1 != y1 : x2 != y2;
                    case LT -> floating ? x1 < y1 : x2 < y2;
                    case LE -> floating ? x1 <= y1 : x2 <= y2;
                    case GT -> floating ? x1 > y1 : x2 > y2;
                    case GE -> floating ? x1 >= y1 : x2 >= y2;
                };
                return new Expr.Const(Type.BOOLEAN, v);
            }
            case Expr.Not n when n.operand() instanceof Expr.Const c && c.value() instanceof Boolean bv -> {
                return new Expr.Const(Type.BOOLEAN, !bv);
            }
            case Expr.Logic lg when lg.left() instanceof Expr.Const c && c.value() instanceof Boolean bv -> {
                if (lg.and()) return bv ? lg.right() : c;
                return bv ? c : lg.right();
            }
            case Expr.ArrayLength al when al.array().fixedLength() != null -> {
                return (Expr.Const) al.array().localArraySize;
            }
            default -> {
                return x;
            }
        }
    }

    private static Object binary(BinOp op, Type t, Object a, Object b) {
        switch (t) {
            case INT -> {
                int x = (Integer) a, y = (Integer) b;
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y; case REM -> y == 0 ? null : x % y;
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y;
                    case SHL -> x << y; case SHR -> x >> y; case USHR -> x >>> y;
                };
            }
            case LONG -> {
                long x = (Long) a;
                long y = ((Number) b).longValue();
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y; case REM -> y == 0 ? null : x % y;
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y;
                    case SHL -> x << y; case SHR -> x >> y; case USHR -> x >>> y;
                };
            }
            case FLOAT -> {
                float x = (Float) a, y = (Float) b;
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    default -> null;
                };
            }
            case DOUBLE -> {
                double x = (Double) a, y = (Double) b;
                return switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    default -> null;
                };
            }
            default -> {
                return null;
            }
        }
    }
}
