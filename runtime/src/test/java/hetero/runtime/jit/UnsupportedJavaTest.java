package hetero.runtime.jit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java outside the kernel language is refused at JIT time, naming class, method, bytecode offset, line and construct. */
class UnsupportedJavaTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "allocatesObject          | object allocation ('new') is not supported",
            "allocatesArray           | the size of a private array (new float[...]) must be a constant when the kernel is compiled",
            "throwsException          | object allocation ('new') is not supported",
            "catchesException         | try/catch is not supported",
            "usesString               | strings are not supported",
            "synchronizes             | synchronization (synchronized) is not supported",
            "readsMutableStatic       | kernels may read only static final primitive constants",
            "writesStatic             | field access",
            "callsUnknownJdkMethod    | java.lang.Math.random()D, which has no device equivalent",
            "callsRecursive           | recursion is not supported",
            "usesLambda               | invokedynamic (lambdas, string concatenation) is not supported",
            "siblingParallelLoops     | @Parallel loops must be nested",
            "parallelVariableAssigned | may only be advanced by one constant positive step",
            "localArrayOfUnknownSize  | must be a constant when the kernel is compiled",
            "booleanArray             | parameter 'a' has type boolean[]",
            "nonVoidKernel            | a kernel must return void",
            "returnInParallelBody     | return or break inside the body of @Parallel loop 'i' is not supported",
            "breakInParallelBody      | return or break inside the body of @Parallel loop 'i' is not supported",
            "writeAfterParallelLoop   | writes to arrays outside the innermost @Parallel loop are not supported",
            "writeBeforeParallelLoop  | writes to arrays outside the innermost @Parallel loop are not supported",
            "vectorEquality           | Float4.isEqual is not supported in kernels",
            "vectorAlias              | copies the Float4 reference 'v' into another variable; vectors are values on a device, so use v.duplicate()",
            "vectorToArray            | Float4.toArray is not supported in kernels",
            "intVector                | Int4 is not supported in kernels (the vector types Float2, Float4, Float8 and Float16 are)",
            "vectorToHelper           | vectors live in registers inside one kernel or device function and cannot be passed as parameters",
            "privateArrayOfUnfoldableSize       | the size of a private array (new float[...]) must be a constant",
            "privateArrayOfUnspecializedSize    | the size of private array 'tmp' must be a constant when the kernel is compiled: specialize n",
            "privateArrayOfZeroSize             | private array 'tmp' has 0 elements",
            "privateByteArray                   | private arrays of byte are not supported",
            "privateArrayPassedToHelper         | passes private array 'tmp' to hetero.runtime.jit.UnsupportedKernels::sumOf",
            "privateArrayInArrayOfArrays        | arrays of objects or nested arrays are not supported",
            "callsArrayReturningHelper          | return type float[] is not supported",
            "privateAllocatedBeforeParallelLoop | private array 'acc' is written inside @Parallel loop 'i' but allocated before it",
            "aliasChosenAtRunTime               | choosing between arrays with a conditional (?:) is not supported",
            "aliasReassignedInABranch           | array variable 'x' is assigned different arrays (a, b)",
    })
    void refusedWithAClearMessage(String method, String expected) {
        KernelRef ref = KernelRef.byName(UnsupportedKernels.class, method);
        UnsupportedKernelException e = assertThrows(UnsupportedKernelException.class,
                () -> Jit.compile(ref, Map.of(), false, "opencl"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(UnsupportedKernels.class.getName() + "::"), e.getMessage());
        assertTrue(e.getMessage().contains(" at bytecode "), e.getMessage());
    }

    @ParameterizedTest(name = "{0} reports its source line")
    @CsvSource({"allocatesArray, 16", "privateArrayOfUnspecializedSize, 159", "usesString, 33", "readsMutableStatic, 44", "callsUnknownJdkMethod, 52", "callsRecursive, 56"})
    void messagesNameTheSourceLine(String method, int line) {
        KernelRef ref = KernelRef.byName(UnsupportedKernels.class, method);
        UnsupportedKernelException e = assertThrows(UnsupportedKernelException.class, () -> Jit.compile(ref, Map.of(), false, "opencl"));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("(line " + line + ")"), e.getMessage());
    }
}
