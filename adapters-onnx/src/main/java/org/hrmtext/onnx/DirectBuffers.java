package org.hrmtext.onnx;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Direct buffers that ONNX Runtime reads and writes in place, allocated with a clear error when
 * the JVM's direct-memory limit is reached and freed as soon as their owner closes: a KV cache
 * of gigabytes must not wait for a garbage collection to give its memory back. Freeing uses the
 * JDK's {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}, present in every
 * JDK this project supports), looked up once; where it is missing the buffer is left to the GC.
 */
final class DirectBuffers {
    private static final Method INVOKE_CLEANER;
    private static final Object UNSAFE;

    static {
        Method cleaner = null;
        Object unsafe = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            cleaner = null;
            unsafe = null;
        }
        INVOKE_CLEANER = cleaner;
        UNSAFE = unsafe;
    }

    private DirectBuffers() {
    }

    /** A zeroed direct buffer of {@code bytes}, for {@code what} (named in the error when it cannot be had). */
    static ByteBuffer allocate(long bytes, String what) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalStateException(what + " needs " + bytes + " bytes in one buffer, more than the 2 GiB a"
                    + " Java buffer can hold; use a smaller batch or context");
        }
        try {
            return ByteBuffer.allocateDirect((int) bytes);
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException(what + " needs " + (bytes >> 20) + " MiB more of direct memory than this"
                    + " JVM allows (" + e.getMessage() + "); raise it with -XX:MaxDirectMemorySize=… (JAVA_OPTS for bin/hrm)"
                    + " or use a float16 cache (export-onnx --kv-dtype f16)", e);
        }
    }

    /** Frees {@code buffer} now (a buffer made by {@link #allocate}, never used again); null is ignored. */
    static void free(ByteBuffer buffer) {
        if (buffer == null || INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot free a direct buffer: " + e.getMessage(), e);
        }
    }
}
