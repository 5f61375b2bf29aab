package hetero.runtime.jit.ptx;

import hetero.runtime.jit.ir.Expr;
import hetero.runtime.jit.ir.Intrinsic;
import hetero.runtime.jit.ir.Type;

/**
 * Math builtins in PTX. The hardware has fast approximations (ex2, lg2, sin, cos, rsqrt); where
 * they are too coarse for a float result the code around them restores accuracy (range reduction
 * for exp, series near zero for tanh and erf).
 */
final class PtxMath {
    private PtxMath() {
    }

    /** PTX's exact float immediate: 0f and the 8 hex digits of the bits. */
    static String f(float v) {
        return "0f" + HEX.toHexDigits(Float.floatToRawIntBits(v));
    }

    /** PTX's exact double immediate: 0d and the 16 hex digits of the bits. */
    static String d(double v) {
        return "0d" + HEX.toHexDigits(Double.doubleToRawLongBits(v));
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of().withUpperCase();

    static String emit(PtxEmitter e, Expr.Intrinsic i, String d) {
        Type t = i.type();
        Intrinsic fn = i.fn();
        boolean dbl = i.args().stream().anyMatch(a -> a.type() == Type.DOUBLE);
        if (dbl) return doubles(e, i, d);
        // "case null" makes these enhanced switches, which javac checks for exhaustiveness: a new
        // Intrinsic is a compile error here until it is emitted or refused by name.
        switch (fn) {
            case null -> throw new NullPointerException();
            case SQRT -> e.ins("sqrt.rn.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case RSQRT -> e.ins("rsqrt.approx.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case ABS -> e.ins("abs." + PtxEmitter.ptype(t) + " " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case FLOOR -> e.ins("cvt.rmi.f32.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case CEIL -> e.ins("cvt.rpi.f32.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case FMA -> e.ins("fma.rn.f32 " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ", " + e.value(i.args().get(2)) + ";");
            case FMAX -> e.ins("max.f32 " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ";");
            case FMIN -> e.ins("min.f32 " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ";");
            case MAX -> e.ins("max." + PtxEmitter.ptype(t) + " " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ";");
            case MIN -> e.ins("min." + PtxEmitter.ptype(t) + " " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ";");
            // Java's Math.max/min: NaN wins and -0.0 < 0.0, which max.NaN / min.NaN implement (sm_80+).
            case JAVA_MAX -> e.ins("max.NaN.f32 " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ";");
            case JAVA_MIN -> e.ins("min.NaN.f32 " + d + ", " + e.reg(i.args().get(0)) + ", " + e.value(i.args().get(1)) + ";");
            case EXP -> exp(e, e.reg(i.args().getFirst()), d);
            case LOG -> {
                e.ins("lg2.approx.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
                e.ins("mul.rn.f32 " + d + ", " + d + ", " + f((float) Math.log(2)) + ";");
            }
            case POW -> {
                String x = e.reg(i.args().get(0)), y = e.value(i.args().get(1));
                String l = e.temp(Type.FLOAT);
                e.ins("lg2.approx.f32 " + l + ", " + x + ";");
                e.ins("mul.rn.f32 " + l + ", " + l + ", " + y + ";");
                e.ins("ex2.approx.f32 " + d + ", " + l + ";");
            }
            case SIN -> e.ins("sin.approx.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case COS -> e.ins("cos.approx.f32 " + d + ", " + e.reg(i.args().getFirst()) + ";");
            case TANH -> tanh(e, e.reg(i.args().getFirst()), d);
            case ERF -> erf(e, e.reg(i.args().getFirst()), d);
            case ISNAN, ISINF -> {
                String p = e.temp(Type.BOOLEAN);
                String ty = PtxEmitter.ptype(i.args().getFirst().type());
                e.ins("testp." + (fn == Intrinsic.ISNAN ? "notanumber" : "infinite") + "." + ty + " " + p + ", " + e.reg(i.args().getFirst()) + ";");
                e.ins("selp.s32 " + d + ", 1, 0, " + p + ";");
            }
            case BITS_AS_INT, BITS_AS_FLOAT, BITS_AS_LONG, BITS_AS_DOUBLE ->
                    e.ins("mov." + (t == Type.LONG || t == Type.DOUBLE ? "b64 " : "b32 ") + d + ", " + e.reg(i.args().getFirst()) + ";");
            // no float instruction or accurate sequence written for these yet
            case TAN, ASIN, ACOS, ATAN, ATAN2, LOG10, CBRT ->
                    throw e.unsupported("the builtin " + fn.spelling() + "(" + i.args().getFirst().type().javaName + ")");
            case JAVA_SIGNUM -> throw fn.notLegalized();
        }
        return d;
    }

    /** exp(x) = 2^k * 2^(r * log2 e), k = rint(x log2 e), r = x - k ln2 in two parts: about 2 ulp. */
    private static void exp(PtxEmitter e, String x0, String d) {
        // Work on x clamped to where exp is finite and non-zero, then put the edges back:
        // below -104 exp is 0, above 89 it is infinity, and NaN stays NaN.
        String x = e.temp(Type.FLOAT);
        e.ins("max.f32 " + x + ", " + x0 + ", " + f(-104f) + ";");
        e.ins("min.f32 " + x + ", " + x + ", " + f(89f) + ";");
        String k = e.temp(Type.FLOAT), r = e.temp(Type.FLOAT), p = e.temp(Type.FLOAT);
        e.ins("mul.rn.f32 " + k + ", " + x + ", " + f(1.4426950408889634f) + ";");
        e.ins("cvt.rni.f32.f32 " + k + ", " + k + ";");
        e.ins("fma.rn.f32 " + r + ", " + k + ", " + f(-0.693145751953125f) + ", " + x + ";");
        e.ins("fma.rn.f32 " + r + ", " + k + ", " + f(-1.428606765330187e-06f) + ", " + r + ";");
        e.ins("mul.rn.f32 " + r + ", " + r + ", " + f(1.4426950408889634f) + ";");
        e.ins("ex2.approx.f32 " + p + ", " + r + ";");
        // 2^k in two halves so that k up to +-254 neither overflows nor flushes early
        String h = e.temp(Type.FLOAT), s = e.temp(Type.FLOAT);
        e.ins("mul.rn.f32 " + h + ", " + k + ", " + f(0.5f) + ";");
        e.ins("cvt.rmi.f32.f32 " + h + ", " + h + ";");
        e.ins("ex2.approx.f32 " + s + ", " + h + ";");
        e.ins("mul.rn.f32 " + p + ", " + p + ", " + s + ";");
        e.ins("sub.rn.f32 " + h + ", " + k + ", " + h + ";");
        e.ins("ex2.approx.f32 " + s + ", " + h + ";");
        e.ins("mul.rn.f32 " + d + ", " + p + ", " + s + ";");
        String edge = e.temp(Type.BOOLEAN);
        e.ins("setp.lt.f32 " + edge + ", " + x0 + ", " + f(-104f) + ";");
        e.ins("@" + edge + " mov.f32 " + d + ", " + f(0f) + ";");
        e.ins("setp.gt.f32 " + edge + ", " + x0 + ", " + f(89f) + ";");
        e.ins("@" + edge + " mov.f32 " + d + ", " + f(Float.POSITIVE_INFINITY) + ";");
        e.ins("testp.notanumber.f32 " + edge + ", " + x0 + ";");
        e.ins("@" + edge + " mov.f32 " + d + ", " + x0 + ";");
    }

    /** tanh: odd series for |x| < 0.25, else sign(x) (1 - 2 / (e^{2|x|} + 1)). */
    private static void tanh(PtxEmitter e, String x, String d) {
        String ax = e.temp(Type.FLOAT), x2 = e.temp(Type.FLOAT), poly = e.temp(Type.FLOAT), big = e.temp(Type.FLOAT);
        String small = e.temp(Type.BOOLEAN);
        e.ins("abs.f32 " + ax + ", " + x + ";");
        e.ins("mul.rn.f32 " + x2 + ", " + x + ", " + x + ";");
        // x (1 - x^2/3 + 2x^4/15 - 17x^6/315 + 62x^8/2835)
        e.ins("fma.rn.f32 " + poly + ", " + x2 + ", " + f(62f / 2835f) + ", " + f(-17f / 315f) + ";");
        e.ins("fma.rn.f32 " + poly + ", " + poly + ", " + x2 + ", " + f(2f / 15f) + ";");
        e.ins("fma.rn.f32 " + poly + ", " + poly + ", " + x2 + ", " + f(-1f / 3f) + ";");
        e.ins("mul.rn.f32 " + poly + ", " + poly + ", " + x2 + ";");
        e.ins("fma.rn.f32 " + poly + ", " + poly + ", " + x + ", " + x + ";");
        String two = e.temp(Type.FLOAT);
        e.ins("add.rn.f32 " + two + ", " + ax + ", " + ax + ";");
        exp(e, two, big);
        e.ins("add.rn.f32 " + big + ", " + big + ", " + f(1f) + ";");
        e.ins("div.rn.f32 " + big + ", " + f(2f) + ", " + big + ";");
        e.ins("sub.rn.f32 " + big + ", " + f(1f) + ", " + big + ";");
        e.ins("copysign.f32 " + big + ", " + x + ", " + big + ";");
        e.ins("setp.lt.f32 " + small + ", " + ax + ", " + f(0.25f) + ";");
        e.ins("selp.f32 " + d + ", " + poly + ", " + big + ", " + small + ";");
    }

    /** erf: Taylor series for |x| < 0.5, Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7) beyond, +-1 past 4. */
    private static void erf(PtxEmitter e, String x, String d) {
        String ax = e.temp(Type.FLOAT), x2 = e.temp(Type.FLOAT), s = e.temp(Type.FLOAT);
        e.ins("abs.f32 " + ax + ", " + x + ";");
        e.ins("mul.rn.f32 " + x2 + ", " + x + ", " + x + ";");
        // 2/sqrt(pi) x (1 - x^2/3 + x^4/10 - x^6/42 + x^8/216 - x^10/1320)
        e.ins("fma.rn.f32 " + s + ", " + x2 + ", " + f(-1f / 1320f) + ", " + f(1f / 216f) + ";");
        e.ins("fma.rn.f32 " + s + ", " + s + ", " + x2 + ", " + f(-1f / 42f) + ";");
        e.ins("fma.rn.f32 " + s + ", " + s + ", " + x2 + ", " + f(1f / 10f) + ";");
        e.ins("fma.rn.f32 " + s + ", " + s + ", " + x2 + ", " + f(-1f / 3f) + ";");
        e.ins("fma.rn.f32 " + s + ", " + s + ", " + x2 + ", " + f(1f) + ";");
        e.ins("mul.rn.f32 " + s + ", " + s + ", " + x + ";");
        e.ins("mul.rn.f32 " + s + ", " + s + ", " + f(1.1283791670955126f) + ";");
        // 1 - (a1 t + a2 t^2 + ... + a5 t^5) e^{-x^2}, t = 1 / (1 + p|x|)
        String tt = e.temp(Type.FLOAT), poly = e.temp(Type.FLOAT), ex = e.temp(Type.FLOAT), nx2 = e.temp(Type.FLOAT);
        e.ins("fma.rn.f32 " + tt + ", " + ax + ", " + f(0.3275911f) + ", " + f(1f) + ";");
        e.ins("div.rn.f32 " + tt + ", " + f(1f) + ", " + tt + ";");
        e.ins("fma.rn.f32 " + poly + ", " + tt + ", " + f(1.061405429f) + ", " + f(-1.453152027f) + ";");
        e.ins("fma.rn.f32 " + poly + ", " + poly + ", " + tt + ", " + f(1.421413741f) + ";");
        e.ins("fma.rn.f32 " + poly + ", " + poly + ", " + tt + ", " + f(-0.284496736f) + ";");
        e.ins("fma.rn.f32 " + poly + ", " + poly + ", " + tt + ", " + f(0.254829592f) + ";");
        e.ins("mul.rn.f32 " + poly + ", " + poly + ", " + tt + ";");
        e.ins("neg.f32 " + nx2 + ", " + x2 + ";");
        exp(e, nx2, ex);
        e.ins("mul.rn.f32 " + poly + ", " + poly + ", " + ex + ";");
        e.ins("sub.rn.f32 " + poly + ", " + f(1f) + ", " + poly + ";");
        e.ins("copysign.f32 " + poly + ", " + x + ", " + poly + ";");
        String small = e.temp(Type.BOOLEAN);
        e.ins("setp.lt.f32 " + small + ", " + ax + ", " + f(0.5f) + ";");
        e.ins("selp.f32 " + d + ", " + s + ", " + poly + ", " + small + ";");
    }

    private static String doubles(PtxEmitter e, Expr.Intrinsic i, String d) {
        Intrinsic fn = i.fn();
        String a = e.reg(i.args().getFirst());
        switch (fn) {
            case null -> throw new NullPointerException();
            case SQRT -> e.ins("sqrt.rn.f64 " + d + ", " + a + ";");
            case ABS -> e.ins("abs.f64 " + d + ", " + a + ";");
            case FLOOR -> e.ins("cvt.rmi.f64.f64 " + d + ", " + a + ";");
            case CEIL -> e.ins("cvt.rpi.f64.f64 " + d + ", " + a + ";");
            case FMA -> e.ins("fma.rn.f64 " + d + ", " + a + ", " + e.value(i.args().get(1)) + ", " + e.value(i.args().get(2)) + ";");
            case ISNAN, ISINF -> {
                String p = e.temp(Type.BOOLEAN);
                e.ins("testp." + (fn == Intrinsic.ISNAN ? "notanumber" : "infinite") + ".f64 " + p + ", " + a + ";");
                e.ins("selp.s32 " + d + ", 1, 0, " + p + ";");
            }
            case BITS_AS_LONG, BITS_AS_DOUBLE -> e.ins("mov.b64 " + d + ", " + a + ";");
            // PTX has no double-precision approximations of these; not written yet
            case EXP, LOG, LOG10, RSQRT, CBRT, SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, TANH, ERF, POW,
                 MAX, MIN, FMAX, FMIN, JAVA_MAX, JAVA_MIN, BITS_AS_INT, BITS_AS_FLOAT ->
                    throw e.unsupported("the double-precision builtin Math." + fn.spelling());
            case JAVA_SIGNUM -> throw fn.notLegalized();
        }
        return d;
    }

    /**
     * Java's % on floats (C's fmod), exactly: with integer mantissas mx, my and exponents ex >= ey,
     * the remainder is ((mx * 2^(ex-ey)) mod my) * 2^ey, computed by shifting one bit at a time
     * (at most 254 steps for float, 2046 for double). Every step is exact, and so is the result.
     */
    static void fmod(PtxEmitter e, Type t, String x, String y, String d) {
        boolean dbl = t == Type.DOUBLE;
        String ft = dbl ? "f64" : "f32", bt = dbl ? "b64" : "b32", ut = dbl ? "u64" : "u32";
        Type it = dbl ? Type.LONG : Type.INT;
        int mant = dbl ? 52 : 23;
        long implicit = 1L << mant;
        String ax = e.temp(t), ay = e.temp(t);
        e.ins("abs." + ft + " " + ax + ", " + x + ";");
        e.ins("abs." + ft + " " + ay + ", " + y + ";");
        String ix = e.temp(it), iy = e.temp(it), ex = e.temp(it), ey = e.temp(it), mx = e.temp(it), my = e.temp(it);
        e.ins("mov." + bt + " " + ix + ", " + ax + ";");
        e.ins("mov." + bt + " " + iy + ", " + ay + ";");
        e.ins("shr." + ut + " " + ex + ", " + ix + ", " + mant + ";");
        e.ins("shr." + ut + " " + ey + ", " + iy + ", " + mant + ";");
        e.ins("and." + bt + " " + mx + ", " + ix + ", " + (implicit - 1) + ";");
        e.ins("and." + bt + " " + my + ", " + iy + ", " + (implicit - 1) + ";");
        String p = e.temp(Type.BOOLEAN);
        // normal numbers get their implicit bit; subnormals count as exponent 1
        for (String[] xy : new String[][]{{ex, mx}, {ey, my}}) {
            e.ins("setp.eq." + ut + " " + p + ", " + xy[0] + ", 0;");
            e.ins("@!" + p + " or." + bt + " " + xy[1] + ", " + xy[1] + ", " + implicit + ";");
            e.ins("@" + p + " mov." + ut + " " + xy[0] + ", 1;");
        }
        String r = e.temp(it), k = e.temp(it), safe = e.temp(it);
        // my is 0 only for y == 0, which the edge cases below replace; keep rem defined meanwhile
        e.ins("max." + ut + " " + safe + ", " + my + ", 1;");
        e.ins("rem." + ut + " " + r + ", " + mx + ", " + safe + ";");
        e.ins("sub.s" + (dbl ? "64" : "32") + " " + k + ", " + ex + ", " + ey + ";");
        String loop = e.label(), done = e.label();
        e.placeLabel(loop);
        e.ins("setp.le.s" + (dbl ? "64" : "32") + " " + p + ", " + k + ", 0;");
        e.ins("@" + p + " bra " + done + ";");
        e.ins("shl." + bt + " " + r + ", " + r + ", 1;");
        e.ins("setp.ge." + ut + " " + p + ", " + r + ", " + safe + ";");
        e.ins("@" + p + " sub." + ut + " " + r + ", " + r + ", " + safe + ";");
        e.ins("sub.s" + (dbl ? "64" : "32") + " " + k + ", " + k + ", 1;");
        e.ins("bra.uni " + loop + ";");
        e.placeLabel(done);
        // r * 2^-mant * 2^(ey - bias): both products exact because the result is representable
        String rf = e.temp(t), scale = e.temp(t), sbits = e.temp(it);
        e.ins("cvt.rn." + ft + "." + ut + " " + rf + ", " + r + ";");
        e.ins("mul.rn." + ft + " " + rf + ", " + rf + ", " + (dbl ? "0d3CB0000000000000" : "0f34000000") + ";");
        e.ins("shl." + bt + " " + sbits + ", " + ey + ", " + mant + ";");
        e.ins("mov." + bt + " " + scale + ", " + sbits + ";");
        e.ins("mul.rn." + ft + " " + rf + ", " + rf + ", " + scale + ";");
        e.ins("copysign." + ft + " " + d + ", " + x + ", " + rf + ";");
        // edges: |x| < |y| or y infinite (x finite) -> x; x infinite, y zero or a NaN -> NaN
        e.ins("setp.lt." + ft + " " + p + ", " + ax + ", " + ay + ";");
        e.ins("@" + p + " mov." + ft + " " + d + ", " + x + ";");
        String bad = e.temp(Type.BOOLEAN);
        e.ins("testp.infinite." + ft + " " + bad + ", " + x + ";");
        e.ins("setp.eq.or." + ft + " " + bad + ", " + ay + ", 0" + (dbl ? "d0000000000000000" : "f00000000") + ", " + bad + ";");
        e.ins("setp.nan.or." + ft + " " + bad + ", " + x + ", " + y + ", " + bad + ";");
        e.ins("@" + bad + " mov." + ft + " " + d + ", " + (dbl ? "0d7FF8000000000000" : "0f7FC00000") + ";");
    }
}
