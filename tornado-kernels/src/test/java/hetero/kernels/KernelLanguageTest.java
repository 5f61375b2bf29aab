package hetero.kernels;

import hetero.runtime.jit.Frontend;
import hetero.runtime.jit.KernelRef;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every kernel of every family goes through the JIT frontend, so a kernel that only works
 * because the JVM backend runs plain Java (an allocation, an object, a virtual call) fails here,
 * on every machine, not only where an OpenCL device exists.
 */
class KernelLanguageTest {
    static final Class<?>[] FAMILIES = {Gemm.class, Activation.class, Softmax.class, Norms.class, Attention.class, FeedForward.class, Embedding.class};

    static List<Method> kernels() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : FAMILIES) {
            for (Method m : c.getDeclaredMethods()) {
                boolean kernel = Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == void.class && !m.getName().startsWith("reference");
                if (kernel) out.add(m);
            }
        }
        return out;
    }

    @Test
    void everyKernelIsInsideTheKernelLanguage() {
        List<Method> ks = kernels();
        assertTrue(ks.size() >= 4, "found kernels: " + ks);
        List<String> failures = new ArrayList<>();
        for (Method m : ks) {
            try {
                Frontend.kernel(KernelRef.byName(m.getDeclaringClass(), m.getName()));
            } catch (RuntimeException e) {
                failures.add(m.getDeclaringClass().getSimpleName() + "::" + m.getName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
    }
}
