package io.ticketflow.worker.callback;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver code of docs/callbacks.md, as a reader copies it: its Java lines are compiled and run, its openssl line is run by
 * a shell, on callbacks this service signs.
 */
class WebhookReceiverSnippetTest {

    private static final Path PAGE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("docs").resolve("callbacks.md");
    private static final String CURRENT = "whsec_" + Base64.getEncoder().encodeToString(
            "current key".getBytes(StandardCharsets.UTF_8));
    private static final String RETIRING = "whsec_" + Base64.getEncoder().encodeToString(
            "retiring key".getBytes(StandardCharsets.UTF_8));
    private static final byte[] BODY = "{\"id\":\"t-1\",\"revision\":4,\"status\":\"SUCCEEDED\",\"note\":\"é\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static Method verify;

    @BeforeAll
    static void compileTheReadmesReceiver(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("WebhookReceiver.java");
        Files.writeString(source, block("```java"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, "-d", dir.toString(), source.toString());
        assertThat(status).as("compiling the page's Java: %s", errors).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()});
        verify = loader.loadClass("WebhookReceiver").getDeclaredMethod("verify", String.class, String.class,
                String.class, byte[].class, String.class);
        verify.setAccessible(true);
    }

    @Test
    void acceptsACallbackSignedWithEitherSecretDuringARotation() throws Exception {
        Map<String, String> headers = signedNow(BODY);

        assertThat(verified(CURRENT, headers, BODY)).isTrue();
        assertThat(verified(RETIRING, headers, BODY)).isTrue();
    }

    @Test
    void refusesAnotherBodyAnotherSecretAndAnOldTimestamp() throws Exception {
        Map<String, String> headers = signedNow(BODY);
        byte[] changed = Arrays.copyOf(BODY, BODY.length);
        changed[10] = 'X';
        String stranger = "whsec_" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        long old = Instant.now().minusSeconds(600).getEpochSecond();

        assertThat(verified(CURRENT, headers, changed)).isFalse();
        assertThat(verified(stranger, headers, BODY)).isFalse();
        assertThat(verified(CURRENT, signer().headers("t-1-4", old, BODY), BODY)).isFalse();
    }

    @Test
    void theOpensslLinePrintsOneOfTheSignatures(@TempDir Path dir) throws Exception {
        Map<String, String> headers = signedNow(BODY);
        Files.write(dir.resolve("body.json"), BODY);
        ProcessBuilder shell = new ProcessBuilder("sh", "-c", block("```sh")).directory(dir.toFile());
        shell.environment().putAll(Map.of("ID", headers.get("webhook-id"), "TS", headers.get("webhook-timestamp"),
                "SECRET", RETIRING));
        Process process = shell.redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(List.of(headers.get("webhook-signature").split(" "))).contains("v1," + printed);
    }

    private static CallbackSigner signer() {
        return new CallbackSigner(List.of(CURRENT, RETIRING));
    }

    private static Map<String, String> signedNow(byte[] body) {
        return signer().headers("t-1-4", Instant.now().getEpochSecond(), body);
    }

    private static boolean verified(String secret, Map<String, String> headers, byte[] body) throws Exception {
        return (boolean) verify.invoke(null, secret, headers.get("webhook-id"), headers.get("webhook-timestamp"), body,
                headers.get("webhook-signature"));
    }

    /** The first block of docs/callbacks.md after the callbacks' receiver text that opens with {@code fence}. */
    private static String block(String fence) throws Exception {
        String page = Files.readString(PAGE);
        int from = page.indexOf("A receiver checks");
        assertThat(from).as("the receiver section of docs/callbacks.md").isPositive();
        List<String> lines = page.substring(from).lines().toList();
        StringBuilder block = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (!inside && line.strip().equals(fence)) {
                inside = true;
            } else if (inside && line.strip().equals("```")) {
                return block.toString();
            } else if (inside) {
                block.append(line).append('\n');
            }
        }
        throw new AssertionError("No " + fence + " block in the receiver section of docs/callbacks.md");
    }
}
