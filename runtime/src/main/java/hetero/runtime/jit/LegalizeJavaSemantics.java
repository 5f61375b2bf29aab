package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Expr.CmpOp;
import hetero.runtime.jit.ir.Function;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Type;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guarantees: after this pass the IR holds no Java-only semantics, so emitters print each node with
 * the target's plain instruction. Java's device contract is written out as selects and compares:
 * <ul>
 * <li>int/long {@code x / 0} and {@code x % 0} give 0 (Java throws; a device cannot), {@code MIN_VALUE / -1}
 *     wraps to MIN_VALUE and {@code x % -1} is 0; the division left in the IR never sees 0 or -1;</li>
 * <li>shift counts are masked ({@code & 31}, {@code & 63}), so every shift left is in range;</li>
 * <li>float/double to int/long casts give 0 for NaN; what remains is a saturating, truncating
 *     conversion, which every target has as one instruction;</li>
 * <li>{@code Math.max/min} on floats and doubles: NaN wins and -0.0 < 0.0 (kept as one node where
 *     {@link Target#nativeJavaMinMax()} says the float instruction exists);</li>
 * <li>{@code KMath.max/min} (float): IEEE maxNum/minNum (a NaN operand gives the other) and -0.0 < 0.0,
 *     written as the target's fmax/fmin plus a fix for equal zeros of opposite sign.</li>
 * </ul>
 * Operands are repeated in the selects; they are side-effect free (calls in them are device
 * functions over values), and every target's compiler shares the repeated subexpressions.
 * The input function and its callees are never modified; callees get legalized copies.
 */
public final class LegalizeJavaSemantics {
    private final Target target;
    private final Map<Function, Function> done = new IdentityHashMap<>();

    private LegalizeJavaSemantics(Target target) {
        this.target = target;
    }

    public static Specializer.Specialized apply(Specializer.Specialized spec, Target target) {
        return new Specializer.Specialized(new LegalizeJavaSemantics(target).function(spec.function()), spec.constants());
    }

    /** The legalized copy of one function (exposed for IR-level tests). */
    public static Function apply(Function f, Target target) {
        return new LegalizeJavaSemantics(target).function(f);
    }

    private Function function(Function f) {
        Function known = done.get(f);
        if (known != null) return known;
        Function out = IrCopy.copy(f, e -> ExprWalk.map(e, this::node), IrCopy.none());
        done.put(f, out);
        return out;
    }

    private Expr node(Expr x) {
        return switch (x) {
            case Expr.Binary b when b.type().isIntegral() && (b.op() == BinOp.DIV || b.op() == BinOp.REM) -> division(b);
            case Expr.Binary b when b.type().isIntegral() && (b.op() == BinOp.SHL || b.op() == BinOp.SHR || b.op() == BinOp.USHR) -> shift(b);
            case Expr.Convert c when c.operand().type().isFloating() && c.type().isIntegral() ->
                    new Expr.Select(isNan(c.operand()), zero(c.type()), c);
            case Expr.Intrinsic i when (i.fn() == Intrinsic.JAVA_MAX || i.fn() == Intrinsic.JAVA_MIN)
                    && !(target.nativeJavaMinMax() && i.type() == Type.FLOAT) -> javaMinMax(i);
            case Expr.Intrinsic i when i.fn() == Intrinsic.FMAX || i.fn() == Intrinsic.FMIN -> signedZeros(i);
            case Expr.Intrinsic i when i.fn() == Intrinsic.JAVA_SIGNUM -> signum(i.args().getFirst());
            case Expr.Call c -> new Expr.Call(function(c.callee()), c.args());
            default -> x;
        };
    }

    /** b == 0 ? 0 : b == -1 ? -a : a / safe, with safe = (b == 0 || b == -1) ? 1 : b; a % safe covers both cases of %. */
    private static Expr division(Expr.Binary b) {
        Type t = b.type();
        Expr a = b.left(), d = b.right();
        if (d instanceof Expr.Const c) {
            long v = c.number().longValue();
            if (v == 0) return zero(t);
            if (v == -1) return b.op() == BinOp.DIV ? new Expr.Neg(t, a) : zero(t);
            return b;
        }
        Expr isZero = new Expr.Compare(CmpOp.EQ, d, zero(t));
        Expr isMinus1 = new Expr.Compare(CmpOp.EQ, d, constant(t, -1));
        Expr safe = new Expr.Select(new Expr.Logic(false, isZero, isMinus1), constant(t, 1), d);
        if (b.op() == BinOp.REM) return new Expr.Binary(BinOp.REM, t, a, safe);
        Expr quotient = new Expr.Binary(BinOp.DIV, t, a, safe);
        return new Expr.Select(isZero, zero(t), new Expr.Select(isMinus1, new Expr.Neg(t, a), quotient));
    }

    private static Expr shift(Expr.Binary b) {
        int mask = b.type() == Type.LONG ? 63 : 31;
        Expr count = b.right();
        if (count instanceof Expr.Const c) {
            long v = c.number().longValue();
            if (v >= 0 && v <= mask) return b;
            return new Expr.Binary(b.op(), b.type(), b.left(), Expr.Const.ofInt((int) (v & mask)));
        }
        Expr masked = new Expr.Binary(BinOp.AND, count.type(), count, constant(count.type(), mask));
        return new Expr.Binary(b.op(), b.type(), b.left(), masked);
    }

    /** Math.max: isnan(a) || isnan(b) ? a + b : a == b ? (signbit(a) ? b : a) : a > b ? a : b (min mirrored). */
    private static Expr javaMinMax(Expr.Intrinsic i) {
        boolean max = i.fn() == Intrinsic.JAVA_MAX;
        Expr a = i.args().get(0), b = i.args().get(1);
        Expr anyNan = new Expr.Logic(false, isNan(a), isNan(b));
        Expr tie = new Expr.Select(signBit(a), max ? b : a, max ? a : b);
        Expr pick = new Expr.Select(new Expr.Compare(max ? CmpOp.GT : CmpOp.LT, a, b), a, b);
        return new Expr.Select(anyNan, new Expr.Binary(BinOp.ADD, i.type(), a, b),
                new Expr.Select(new Expr.Compare(CmpOp.EQ, a, b), tie, pick));
    }

    /** Math.signum: 1 above zero, -1 below, and x itself for 0.0, -0.0 and NaN. */
    private static Expr signum(Expr x) {
        Type t = x.type();
        Expr one = t == Type.DOUBLE ? new Expr.Const(t, 1.0) : new Expr.Const(t, 1f);
        Expr minusOne = t == Type.DOUBLE ? new Expr.Const(t, -1.0) : new Expr.Const(t, -1f);
        Expr zero = t == Type.DOUBLE ? new Expr.Const(t, 0.0) : new Expr.Const(t, 0f);
        return new Expr.Select(new Expr.Compare(CmpOp.GT, x, zero), one,
                new Expr.Select(new Expr.Compare(CmpOp.LT, x, zero), minusOne, x));
    }

    /** KMath.max: a == b ? (signbit(a) ? b : a) : fmax(a, b), so that max(-0.0, 0.0) is 0.0 on every target (min mirrored). */
    private static Expr signedZeros(Expr.Intrinsic i) {
        boolean max = i.fn() == Intrinsic.FMAX;
        Expr a = i.args().get(0), b = i.args().get(1);
        Expr tie = new Expr.Select(signBit(a), max ? b : a, max ? a : b);
        return new Expr.Select(new Expr.Compare(CmpOp.EQ, a, b), tie, i);
    }

    private static Expr isNan(Expr x) {
        return new Expr.Compare(CmpOp.NE, new Expr.Intrinsic(Intrinsic.ISNAN, Type.INT, List.of(x)), Expr.Const.ofInt(0));
    }

    private static Expr signBit(Expr x) {
        boolean dbl = x.type() == Type.DOUBLE;
        Expr bits = new Expr.Intrinsic(dbl ? Intrinsic.BITS_AS_LONG : Intrinsic.BITS_AS_INT, dbl ? Type.LONG : Type.INT, List.of(x));
        return new Expr.Compare(CmpOp.LT, bits, zero(bits.type()));
    }

    private static Expr.Const zero(Type t) {
        return constant(t, 0);
    }

    private static Expr.Const constant(Type t, long v) {
        return t == Type.LONG ? new Expr.Const(Type.LONG, v) : new Expr.Const(Type.INT, (int) v);
    }
}
