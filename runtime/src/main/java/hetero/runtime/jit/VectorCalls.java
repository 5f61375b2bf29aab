package hetero.runtime.jit;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Expr.BinOp;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The methods of TornadoVM's vector classes (Float2, Float4, Float8, Float16) that kernels may call,
 * as vector IR: values, never heap objects. The frontend pops the operands and hands them here; the
 * two methods with side effects ({@code set*} and {@code storeToArray}) come back as {@link Effect}s
 * for the frontend to emit. Reductions (dot, sum) keep the Java classes' order of additions (lane 0
 * first, from 0.0f), and min/max keep Math.max/min's rules, lane by lane, so every backend gives
 * the results the tornado-api classes give on the jvm backend.
 */
final class VectorCalls {
    private VectorCalls() {
    }

    /** A side effect: {@code set(lane, value)} on the receiver variable, or a store of the receiver to an array. */
    sealed interface Effect {}

    record SetLane(Expr receiver, Expr lane, Expr value) implements Effect {}

    record Store(Expr array, Expr index, Expr value) implements Effect {}

    /** What a call gives: a value to push (null for void), or an effect. */
    record Result(Expr value, Effect effect) {}

    /**
     * @param vt       the vector type of the call's owner class
     * @param receiver the instance (null for static methods)
     * @param args     the arguments, in order
     * @param stable   turns an expression that is used more than once into one that may be repeated (a local)
     * @param refuse   builds the frontend's error (class, method, offset, line) for a construct
     */
    static Result call(Type vt, String method, String descriptor, Expr receiver, List<Expr> args,
                       UnaryOperator<Expr> stable, Function<String, RuntimeException> refuse) {
        String cls = vt.javaName;
        String v = "L" + "uk/ac/manchester/tornado/api/types/vectors/" + cls + ";";
        int n = vt.lanes();
        String sig = method + descriptor;
        if (receiver == null) {
            if (sig.equals("loadFromArray([FI)" + v) || sig.equals("loadFromArray(Luk/ac/manchester/tornado/api/types/arrays/FloatArray;I)" + v)) {
                return value(new Expr.VectorLoad(vt, arrayVar(args.get(0), cls, refuse), args.get(1)));
            }
            BinOp op = switch (method) {
                case "add" -> BinOp.ADD;
                case "sub" -> BinOp.SUB;
                case "mult" -> BinOp.MUL;
                case "div" -> BinOp.DIV;
                default -> null;
            };
            if (op != null && descriptor.equals("(" + v + v + ")" + v)) {
                return value(new Expr.Binary(op, vt, args.get(0), args.get(1)));
            }
            if (op != null && descriptor.equals("(" + v + "F)" + v)) {
                return value(new Expr.Binary(op, vt, args.get(0), splat(vt, stable.apply(args.get(1)))));
            }
            if ((method.equals("min") || method.equals("max")) && descriptor.equals("(" + v + v + ")" + v)) {
                Expr a = stable.apply(args.get(0)), b = stable.apply(args.get(1));
                Intrinsic fn = method.equals("max") ? Intrinsic.JAVA_MAX : Intrinsic.JAVA_MIN;
                List<Expr> lanes = new ArrayList<>();
                for (int i = 0; i < n; i++) lanes.add(new Expr.Intrinsic(fn, Type.FLOAT, List.of(lane(a, i), lane(b, i))));
                return value(new Expr.VectorOf(vt, lanes));
            }
            if ((method.equals("min") || method.equals("max")) && descriptor.equals("(" + v + ")F")) {
                // the smallest / largest lane, as Math.min/max from lane 0 on
                Expr a = stable.apply(args.get(0));
                Intrinsic fn = method.equals("max") ? Intrinsic.JAVA_MAX : Intrinsic.JAVA_MIN;
                Expr m = lane(a, 0);
                // each step into a variable: Math.max's legalized form repeats its operands, so a nested chain would grow as 5^n
                for (int i = 1; i < n; i++) m = stable.apply(new Expr.Intrinsic(fn, Type.FLOAT, List.of(m, lane(a, i))));
                return value(m);
            }
            if (sig.equals("fma(" + v + v + v + ")" + v)) {
                return value(new Expr.Intrinsic(Intrinsic.FMA, vt, List.copyOf(args)));
            }
            if (sig.equals("sqrt(" + v + ")" + v)) {
                return value(new Expr.Intrinsic(Intrinsic.SQRT, vt, List.copyOf(args)));
            }
            if (sig.equals("dot(" + v + v + ")F")) {
                return value(dot(stable.apply(args.get(0)), stable.apply(args.get(1)), n));
            }
            if (sig.equals("sum(" + v + ")F")) {
                Expr a = stable.apply(args.get(0));
                Expr s = new Expr.Const(Type.FLOAT, 0f);
                for (int i = 0; i < n; i++) s = new Expr.Binary(BinOp.ADD, Type.FLOAT, s, lane(a, i));
                return value(s);
            }
            if (sig.equals("length(" + v + ")F")) {
                Expr a = stable.apply(args.get(0));
                return value(new Expr.Intrinsic(Intrinsic.SQRT, Type.FLOAT, List.of(dot(a, a, n))));
            }
        } else {
            if (sig.equals("storeToArray([FI)V") || sig.equals("storeToArray(Luk/ac/manchester/tornado/api/types/arrays/FloatArray;I)V")) {
                return new Result(null, new Store(args.get(0), args.get(1), receiver));
            }
            if (sig.equals("get(I)F")) return value(new Expr.Lane(receiver, args.get(0)));
            if (sig.equals("set(IF)V")) return new Result(null, new SetLane(receiver, args.get(0), args.get(1)));
            int named = namedLane(method.substring(Math.min(3, method.length())), n);
            if (named >= 0 && method.startsWith("get") && descriptor.equals("()F")) {
                return value(new Expr.Lane(receiver, Expr.Const.ofInt(named)));
            }
            if (named >= 0 && method.startsWith("set") && descriptor.equals("(F)V")) {
                return new Result(null, new SetLane(receiver, Expr.Const.ofInt(named), args.get(0)));
            }
            if (sig.equals("size()I")) return value(Expr.Const.ofInt(n));
            if (sig.equals("duplicate()" + v)) return value(receiver);
        }
        throw refuse.apply(cls + "." + method + " is not supported in kernels (they may use " + cls
                + "'s constructors, loadFromArray, storeToArray, get, set, the lane getters and setters, size, duplicate, "
                + "add, sub, mult, div (lane-wise or with a float), min, max (lane-wise or over the lanes), fma, sqrt, dot, sum and length)");
    }

    /** The lane a getter or setter names: X Y Z W for Float2/Float4, S0 .. S15 for Float8/Float16; -1 for none. */
    private static int namedLane(String suffix, int lanes) {
        int i = lanes <= 4 ? "XYZW".indexOf(suffix) : -1;
        if (suffix.length() == 1 && i >= 0 && i < lanes) return i;
        if (lanes > 4 && suffix.startsWith("S")) {
            try {
                int k = Integer.parseInt(suffix.substring(1));
                if (k >= 0 && k < lanes && suffix.equals("S" + k)) return k;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static Result value(Expr e) {
        return new Result(e, null);
    }

    private static Expr lane(Expr v, int i) {
        return new Expr.Lane(v, Expr.Const.ofInt(i));
    }

    /** Every lane the scalar s (s must be a local or a constant: it is repeated). */
    static Expr splat(Type vt, Expr s) {
        List<Expr> lanes = new ArrayList<>();
        for (int i = 0; i < vt.lanes(); i++) lanes.add(s);
        return new Expr.VectorOf(vt, lanes);
    }

    /** The Java classes' dot: s = 0; s += a[i] * b[i] for i = 0 .. n - 1, each product and sum rounded. */
    private static Expr dot(Expr a, Expr b, int n) {
        Expr s = new Expr.Const(Type.FLOAT, 0f);
        for (int i = 0; i < n; i++) {
            s = new Expr.Binary(BinOp.ADD, Type.FLOAT, s, new Expr.Binary(BinOp.MUL, Type.FLOAT, lane(a, i), lane(b, i)));
        }
        return s;
    }

    private static hetero.runtime.jit.ir.Var arrayVar(Expr e, String cls, Function<String, RuntimeException> refuse) {
        if (e instanceof Expr.Local l && l.var().type == Type.FLOAT_ARRAY) return l.var();
        throw refuse.apply(cls + ".loadFromArray needs a float[] or FloatArray that the kernel was given or allocated locally");
    }
}
