package uk.ac.manchester.tornado.api.types.vectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every public operation of every vector class against a scalar loop over its lanes. The methods are
 * found by reflection, so an operation added to a class without a reference here fails the test,
 * and the lanes of each operand differ (and are not sorted), so an operation that reads or writes a
 * wrong lane gives a wrong result. The reference rounds each step to the element type, which is
 * what Java's float, double and int arithmetic do.
 */
class VectorLanesTest {
    private static final String PACKAGE = "uk.ac.manchester.tornado.api.types.vectors.";

    /** A vector class seen through reflection: its lane type and count, and its lanes as doubles. */
    private record Vec(Class<?> cls, Class<?> element, int lanes) {
        static Vec of(String name) throws ReflectiveOperationException {
            Class<?> c = Class.forName(PACKAGE + name);
            return new Vec(c, c.getMethod("get", int.class).getReturnType(), c.getField("NUM_ELEMENTS").getInt(null));
        }

        /** Rounds an exact result to the lane type (int division truncates toward zero, as the cast does). */
        double round(double x) {
            if (element == float.class) return (float) x;
            if (element == int.class) return (int) x;
            return x;
        }

        Object make(double[] values) throws ReflectiveOperationException {
            return cls.getMethod("fromArray", element.arrayType()).invoke(null, heap(values));
        }

        /** A heap array of the lane type holding {@code values}. */
        Object heap(double[] values) {
            Object a = Array.newInstance(element, values.length);
            for (int i = 0; i < values.length; i++) {
                if (element == float.class) Array.setFloat(a, i, (float) values[i]);
                else if (element == int.class) Array.setInt(a, i, (int) values[i]);
                else Array.setDouble(a, i, values[i]);
            }
            return a;
        }

        double[] lanes(Object vector) throws ReflectiveOperationException {
            return doubles(cls.getMethod("toArray").invoke(vector));
        }

        Object scalar(double s) {
            if (element == float.class) return (float) s;
            if (element == int.class) return (int) s;
            return s;
        }
    }

    private static double[] doubles(Object array) {
        double[] d = new double[Array.getLength(array)];
        for (int i = 0; i < d.length; i++) d[i] = ((Number) Array.get(array, i)).doubleValue();
        return d;
    }

    /** Distinct lanes in no order: the largest and smallest are not at the ends for 3 lanes or more. */
    private static double[] operand(int lanes, int seed, boolean negatives) {
        double[] v = new double[lanes];
        for (int i = 0; i < lanes; i++) {
            double x = ((i * 7 + seed) % (lanes + 1)) * 3 + i + 1;
            v[i] = negatives && i % 2 == 1 ? -x : x;
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Float2", "Float3", "Float4", "Float8", "Float16", "Double2", "Double4", "Double8", "Int2", "Int3", "Int4", "Int8"})
    void everyStaticOperationMatchesAScalarLoop(String name) throws ReflectiveOperationException {
        Vec t = Vec.of(name);
        int n = t.lanes;
        // float and double lanes get a fraction so that a wrong rounding or an int-only path shows
        double frac = t.element == int.class ? 0 : 0.25;
        double[] a = operand(n, 3, false), b = operand(n, 5, true), c = operand(n, 1, true);
        for (int i = 0; i < n; i++) {
            a[i] += frac;
            b[i] += frac;
        }
        double s = t.element == int.class ? 3 : 2.5;
        List<String> checked = new ArrayList<>();
        for (Method m : t.cls.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) continue;
            String op = m.getName();
            if (op.equals("fromArray") || op.equals("loadFromArray") || op.equals("cross")) continue; // tested below
            Class<?>[] p = m.getParameterTypes();
            Object[] args = new Object[p.length];
            double[][] vectors = {a, b, c};
            for (int k = 0; k < p.length; k++) args[k] = p[k] == t.cls ? t.make(vectors[k]) : t.scalar(s);
            Object result = invoke(m, args);
            String what = name + "." + op + " " + List.of(p).stream().map(Class::getSimpleName).toList();
            boolean withScalar = p.length == 2 && p[1] == t.element;
            if (m.getReturnType() == t.cls) {
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    double y = withScalar ? s : b[i];
                    expected[i] = switch (op) {
                        case "add" -> t.round(a[i] + y);
                        case "sub" -> t.round(a[i] - y);
                        case "mult" -> t.round(a[i] * y);
                        case "div" -> t.round(a[i] / y);
                        case "min" -> Math.min(a[i], y);
                        case "max" -> Math.max(a[i], y);
                        case "sqrt" -> t.round(Math.sqrt(a[i]));
                        case "fma" -> t.element == float.class ? Math.fma((float) a[i], (float) b[i], (float) c[i]) : Math.fma(a[i], b[i], c[i]);
                        default -> fail("no reference for " + what);
                    };
                }
                assertArrayEquals(expected, t.lanes(result), 0.0, what);
            } else {
                double expected = switch (op) {
                    case "min" -> reduce(a, Math::min);
                    case "max" -> reduce(a, Math::max);
                    case "sum" -> sum(t, a);
                    case "dot" -> dot(t, a, b);
                    case "length" -> t.round(Math.sqrt(dot(t, a, a)));
                    case "isEqual" -> 0; // a and b differ (their odd lanes have opposite signs)
                    default -> fail("no reference for " + what);
                };
                double actual = result instanceof Boolean z ? (z ? 1 : 0) : ((Number) result).doubleValue();
                assertEquals(expected, actual, 0.0, what);
            }
            checked.add(op);
        }
        assertTrue(checked.containsAll(List.of("add", "sub", "mult", "div", "min", "max", "dot", "sum", "isEqual")), name + ": " + checked);
    }

    private static double reduce(double[] a, DoubleBinaryOperator op) {
        double m = a[0];
        for (int i = 1; i < a.length; i++) m = op.applyAsDouble(m, a[i]);
        return m;
    }

    /** s = 0; s += a[i] from lane 0 on, each step rounded. */
    private static double sum(Vec t, double[] a) {
        double s = 0;
        for (double x : a) s = t.round(s + x);
        return s;
    }

    private static double dot(Vec t, double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s = t.round(s + t.round(a[i] * b[i]));
        return s;
    }

    private static Object invoke(Method m, Object... args) throws IllegalAccessException {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m + " threw", e.getCause());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Float2", "Float3", "Float4", "Float8", "Float16", "Double2", "Double4", "Double8", "Int2", "Int3", "Int4", "Int8"})
    void lanesNamesCopiesLoadsAndStores(String name) throws ReflectiveOperationException {
        Vec t = Vec.of(name);
        int n = t.lanes;
        double[] a = operand(n, 3, true);
        Object v = t.make(a);
        Class<?> c = t.cls;
        assertEquals(n, c.getMethod("size").invoke(v));
        for (int i = 0; i < n; i++) assertEquals(a[i], ((Number) c.getMethod("get", int.class).invoke(v, i)).doubleValue(), name + " lane " + i);

        // the named lanes: X Y Z W up to 4 lanes, S0 .. S15 above
        for (int i = 0; i < n; i++) {
            String lane = n <= 4 ? "XYZW".substring(i, i + 1) : "S" + i;
            assertEquals(a[i], ((Number) c.getMethod("get" + lane).invoke(v)).doubleValue(), name + ".get" + lane);
            Object w = c.getMethod("duplicate").invoke(v);
            c.getMethod("set" + lane, t.element).invoke(w, t.scalar(99));
            double[] expected = a.clone();
            expected[i] = 99;
            assertArrayEquals(expected, t.lanes(w), 0.0, name + ".set" + lane);
        }
        assertArrayEquals(a, t.lanes(v), 0.0, "set on a duplicate leaves the original alone");

        // the constructor with one value per lane, and the one with none
        Class<?>[] perLane = new Class<?>[n];
        Arrays.fill(perLane, t.element);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) values[i] = t.scalar(a[i]);
        Object built = c.getConstructor(perLane).newInstance(values);
        assertEquals(v, built);
        assertEquals(v.hashCode(), built.hashCode());
        assertEquals(name + Arrays.toString(boxed(t.heap(a))), v.toString());
        assertArrayEquals(new double[n], t.lanes(c.getConstructor().newInstance()), 0.0);
        assertNotEquals(v, c.getConstructor().newInstance());
        assertTrue((Boolean) c.getMethod("isEqual", c, c).invoke(null, v, built));

        // toArray is a copy: writing it does not change the vector
        Object copy = c.getMethod("toArray").invoke(v);
        assertNotSame(copy, c.getMethod("toArray").invoke(v));
        Array.set(copy, 0, t.scalar(-7));
        assertEquals(a[0], t.lanes(v)[0]);

        // heap arrays at an offset, and the lanes around them untouched
        double[] big = new double[n + 3];
        for (int i = 0; i < big.length; i++) big[i] = 100 + i;
        Object heap = t.heap(big);
        Object loaded = c.getMethod("loadFromArray", t.element.arrayType(), int.class).invoke(null, heap, 2);
        double[] window = Arrays.copyOfRange(big, 2, 2 + n);
        assertArrayEquals(window, t.lanes(loaded), 0.0);
        c.getMethod("storeToArray", t.element.arrayType(), int.class).invoke(v, heap, 1);
        double[] stored = big.clone();
        System.arraycopy(a, 0, stored, 1, n);
        assertArrayEquals(stored, doubles(heap), 0.0);

        // native arrays at an offset
        Class<?> nativeType = t.element == float.class ? FloatArray.class : t.element == int.class ? IntArray.class : DoubleArray.class;
        Object nat = nativeType.getMethod("fromArray", t.element.arrayType()).invoke(null, t.heap(big));
        Object natLoaded = c.getMethod("loadFromArray", nativeType, int.class).invoke(null, nat, 3);
        assertArrayEquals(Arrays.copyOfRange(big, 3, 3 + n), t.lanes(natLoaded), 0.0);
        c.getMethod("storeToArray", nativeType, int.class).invoke(v, nat, 2);
        double[] natStored = big.clone();
        System.arraycopy(a, 0, natStored, 2, n);
        assertArrayEquals(natStored, doubles(nativeType.getMethod("toHeapArray").invoke(nat)), 0.0);

        // fromArray wants exactly one value per lane and names the class
        Method fromArray = c.getMethod("fromArray", t.element.arrayType());
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> fromArray.invoke(null, Array.newInstance(t.element, n + 1)));
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
        assertEquals(name + " needs " + n + " values, got " + (n + 1), e.getCause().getMessage());
        Object source = t.heap(a);
        Object fromIt = fromArray.invoke(null, source);
        Array.set(source, 0, t.scalar(-7));
        assertEquals(a[0], t.lanes(fromIt)[0], "fromArray copies its argument");
    }

    private static Object[] boxed(Object array) {
        Object[] r = new Object[Array.getLength(array)];
        for (int i = 0; i < r.length; i++) r[i] = Array.get(array, i);
        return r;
    }

    @Test
    void equalityAsJavaCompares() {
        // isEqual is Java's == lane by lane; equals is Arrays.equals (NaN equals NaN, -0.0 differs from 0.0)
        Float4 nan = new Float4(Float.NaN, 1, 2, 3), zero = new Float4(0f, 1, 2, 3), negZero = new Float4(-0f, 1, 2, 3);
        assertFalse(Float4.isEqual(nan, nan.duplicate()));
        assertEquals(nan, nan.duplicate());
        assertTrue(Float4.isEqual(zero, negZero));
        assertNotEquals(zero, negZero);
        assertTrue(Double2.isEqual(new Double2(0.0, 1), new Double2(-0.0, 1)));
        assertFalse(Double2.isEqual(new Double2(Double.NaN, 1), new Double2(Double.NaN, 1)));
        assertEquals(0f, Float2.sum(new Float2(-0f, -0f)), "the sum starts from 0.0f");
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Float2.sum(new Float2(-0f, -0f))));
        assertEquals(Float.NaN, Float8.min(new Float8(1, 2, Float.NaN, -1, 4, 5, 6, 7)), "Math.min: NaN wins");
        assertEquals(new Float3(-3, 6, -3), Float3.cross(new Float3(1, 2, 3), new Float3(4, 5, 6)));
        assertThrows(ArithmeticException.class, () -> Int2.div(new Int2(1, 1), new Int2(1, 0)));
        assertEquals(new Int4(-3, 3, -2, 2), Int4.div(new Int4(-7, 7, -5, 5), new Int4(2, 2, 2, 2)), "int division truncates toward zero");
    }
}
