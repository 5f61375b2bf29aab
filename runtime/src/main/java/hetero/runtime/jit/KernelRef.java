package hetero.runtime.jit;

import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/** A static kernel method, identified by its class, name and descriptor. */
public record KernelRef(Class<?> owner, String name, String descriptor, Method method) {

    /** Recovers the method behind a serializable method reference such as {@code Gemm::naive}. */
    public static KernelRef of(Serializable methodReference) {
        SerializedLambda lambda;
        try {
            Method writeReplace = methodReference.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            lambda = (SerializedLambda) writeReplace.invoke(methodReference);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("a kernel must be given as a method reference such as Gemm::naive", e);
        }
        if (lambda.getImplMethodName().startsWith("lambda$")) {
            throw new IllegalArgumentException("a kernel must be a method reference such as Gemm::naive, not a lambda "
                    + "(found a lambda in " + lambda.getCapturingClass().replace('/', '.') + ")");
        }
        if (lambda.getImplMethodKind() != java.lang.invoke.MethodHandleInfo.REF_invokeStatic) {
            throw new IllegalArgumentException("kernel " + lambda.getImplClass().replace('/', '.') + "::"
                    + lambda.getImplMethodName() + " must be a static method");
        }
        try {
            Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false,
                    methodReference.getClass().getClassLoader());
            return of(owner, lambda.getImplMethodName(), lambda.getImplMethodSignature());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load kernel class " + lambda.getImplClass(), e);
        }
    }

    public static KernelRef of(Class<?> owner, String name, String descriptor) {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                    .toMethodDescriptorString().equals(descriptor)) {
                return new KernelRef(owner, name, descriptor, m);
            }
        }
        throw new IllegalArgumentException("no method " + owner.getName() + "::" + name + descriptor);
    }

    /** Finds a static method by name; the name must not be overloaded. */
    public static KernelRef byName(Class<?> owner, String name) {
        Method[] matches = Arrays.stream(owner.getDeclaredMethods()).filter(m -> m.getName().equals(name)).toArray(Method[]::new);
        if (matches.length != 1) {
            throw new IllegalArgumentException(matches.length == 0 ? "no method " + owner.getName() + "::" + name
                    : owner.getName() + "::" + name + " is overloaded; give the descriptor");
        }
        if (!Modifier.isStatic(matches[0].getModifiers())) {
            throw new IllegalArgumentException("kernel " + owner.getName() + "::" + name + " must be static");
        }
        Method m = matches[0];
        return new KernelRef(owner, name, MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString(), m);
    }

    /**
     * The index of the scalar parameter called name (javac's {@code -parameters} names), checked once
     * when a task is specialized so that a typo fails there and not at the first run.
     */
    public int parameterIndex(String name) {
        java.lang.reflect.Parameter[] ps = method.getParameters();
        for (int i = 0; i < ps.length; i++) {
            if (!ps[i].isNamePresent() || !ps[i].getName().equals(name)) continue;
            Class<?> t = ps[i].getType();
            if (!t.isPrimitive()) {
                throw new IllegalArgumentException("only scalar parameters can be specialized; parameter '" + name + "' of "
                        + qualifiedName() + " is a " + t.getSimpleName());
            }
            return i;
        }
        boolean named = ps.length == 0 || ps[0].isNamePresent();
        throw new IllegalArgumentException(qualifiedName() + " has no parameter '" + name + "'; its parameters: "
                + (named ? Arrays.stream(ps).map(java.lang.reflect.Parameter::getName).toList()
                        : "unnamed (compile the kernel's class with javac -parameters)"));
    }

    /** Specialization values by parameter name (tools, {@code lab kernels --set}) to values by index. */
    public java.util.Map<Integer, Object> byIndex(java.util.Map<String, Object> byName) {
        java.util.Map<Integer, Object> out = new java.util.TreeMap<>();
        byName.forEach((n, v) -> out.put(parameterIndex(n), v));
        return out;
    }

    public String qualifiedName() {
        return owner.getName() + "::" + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
