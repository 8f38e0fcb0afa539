package io.ticketflow.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A SASL_SSL client listener for a {@link LocalKafkaBroker}: TLS with a throwaway self-signed certificate for
 * 127.0.0.1 (made with the JDK's keytool), SCRAM-SHA-512 users created when the storage is formatted, and Kafka's
 * StandardAuthorizer, which denies whatever no ACL allows. The {@code admin} user is the super user (the broker
 * talks to itself as admin); the controller listener stays plaintext on 127.0.0.1, as KRaft's own channel.
 *
 * @param truststore the PKCS12 file clients trust, holding the broker's certificate
 * @param storePassword the password of the keystore and the truststore
 * @param users SCRAM users and their passwords, {@code admin} among them
 */
public record SecureListener(Path keystore, Path truststore, String storePassword, Map<String, String> users) {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** Makes the certificate in {@code dir} and a random password for {@code admin} and each other user. */
    public static SecureListener create(Path dir, List<String> users) {
        try {
            Files.createDirectories(dir);
            String password = secret();
            Path keystore = dir.resolve("broker.p12");
            Path certificate = dir.resolve("broker.crt");
            Path truststore = dir.resolve("truststore.p12");
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype",
                    "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
            Map<String, String> passwords = new LinkedHashMap<>();
            passwords.put(ADMIN, secret());
            users.forEach(user -> passwords.put(user, secret()));
            return new SecureListener(keystore, truststore, password, Map.copyOf(passwords));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a Kafka client of this listener sets, as {@code user}. */
    public Map<String, String> clientProperties(String user) {
        return Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas(user),
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", storePassword);
    }

    public String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + users.get(user) + "\";";
    }

    /** The broker's settings of this listener. */
    Map<String, String> brokerProperties() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sasl.enabled.mechanisms", MECHANISM);
        config.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        config.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN));
        config.put("ssl.keystore.location", keystore.toString());
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.password", storePassword);
        config.put("ssl.key.password", storePassword);
        config.put("ssl.truststore.location", truststore.toString());
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.password", storePassword);
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // ANONYMOUS: the plaintext controller listener, on 127.0.0.1 only, which the broker uses to reach itself.
        config.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        config.put("allow.everyone.if.no.acl.found", "false");
        return config;
    }

    /** StorageTool's {@code --add-scram} arguments, one per user. */
    List<String> formatArguments() {
        return users.entrySet().stream()
                .flatMap(user -> List.of("--add-scram",
                        MECHANISM + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]").stream())
                .toList();
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }

    @Override
    public String toString() {
        // Passwords never reach a log line or an assertion message.
        return "SecureListener[keystore=" + keystore + ", users=" + users.keySet() + "]";
    }
}
