package org.hrmtext.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The direct buffers the KV cache lives in: a size no Java buffer can hold and a JVM whose
 * direct-memory limit is reached each give one clear message naming what asked and how to raise
 * the limit; a freed buffer gives its memory back.
 */
class DirectBuffersTest {

    @Test
    void refusesMoreThanOneBufferCanHold() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DirectBuffers.allocate(3L << 30, "the KV cache"));
        assertTrue(e.getMessage().startsWith("the KV cache needs 3221225472 bytes in one buffer"), e.getMessage());
    }

    @Test
    void allocatesZeroedAndFrees() {
        ByteBuffer b = DirectBuffers.allocate(1024, "a test");
        assertTrue(b.isDirect());
        assertEquals(1024, b.capacity());
        for (int i = 0; i < b.capacity(); i++) {
            assertEquals(0, b.get(i));
        }
        DirectBuffers.free(b);
        DirectBuffers.free(null);
    }

    @Test
    void namesTheDirectMemoryLimitWhenItIsReached() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-XX:MaxDirectMemorySize=1m", "-cp",
                System.getProperty("java.class.path"), OverLimit.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("the KV cache needs 8 MiB more of direct memory than this JVM allows"), out);
        assertTrue(out.contains("-XX:MaxDirectMemorySize"), out);
    }

    /** Asks for more direct memory than its JVM allows and prints the message it gets. */
    static final class OverLimit {
        public static void main(String[] args) {
            try {
                DirectBuffers.allocate(8L << 20, "the KV cache");
                System.out.println("allocated");
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
