package io.ticketflow.e2e;

import io.ticketflow.topics.TopicNameDefaults;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration properties a service module reads, found in its sources and those of the project modules it
 * depends on: the keys of their properties files and the members of their {@code @ConfigMapping} interfaces. Tells
 * whether an environment variable sets one of them, by MicroProfile Config's rule for environment names.
 */
final class ServiceConfiguration {

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern PROJECT_ARTIFACT = Pattern.compile("<artifactId>ticketflow-([\\w-]+)</artifactId>");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    /** {@code ${name}} or {@code ${name:default}}, the default without nested expressions. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern MEMBER = Pattern.compile("^\\s*[\\w<>,.?\\[\\] ]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
    /** In increasing precedence: a module's defaults, then its application.properties. */
    private static final List<String> PROPERTY_FILES = List.of(
            "src/main/resources/META-INF/microprofile-config.properties",
            "src/main/resources/application.properties");

    private final Properties properties = new Properties();
    private final Set<String> names = new HashSet<>();

    private ServiceConfiguration() {
    }

    static ServiceConfiguration of(Path module) {
        ServiceConfiguration configuration = new ServiceConfiguration();
        // The lowest source of all: the topic names, from the contract.
        TopicNameDefaults topicNames = new TopicNameDefaults();
        topicNames.getPropertyNames().forEach(name -> {
            configuration.properties.setProperty(name, topicNames.getValue(name));
            configuration.names.add(name);
        });
        Stream.concat(projectDependencies(module), Stream.of(module)).forEach(configuration::readModule);
        return configuration;
    }

    /**
     * The value the service runs with in the default profile: its environment's, else that of its properties files
     * (the service's application.properties over the defaults of the modules it uses).
     */
    Optional<String> value(String property, Map<String, String> environment) {
        return Optional.ofNullable(environment.get(environmentName(property)))
                .or(() -> Optional.ofNullable(properties.getProperty(property)))
                .map(value -> expand(value, environment, 0));
    }

    /**
     * Expands {@code ${name}} and {@code ${name:default}} as SmallRye Config does, such as
     * {@code ${ticketflow.tickets.retention:7D}}: the named property's value, else the default.
     */
    private String expand(String value, Map<String, String> environment, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("Property expressions nested too deep: " + value);
        }
        Matcher expression = EXPRESSION.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (expression.find()) {
            String name = expression.group(1);
            String fallback = expression.group(2);
            String resolved = Optional.ofNullable(environment.get(environmentName(name)))
                    .or(() -> Optional.ofNullable(properties.getProperty(name)))
                    .or(() -> Optional.ofNullable(fallback))
                    .orElseThrow(() -> new IllegalStateException("No value for ${" + name + "} in " + value));
            expression.appendReplacement(expanded, Matcher.quoteReplacement(expand(resolved, environment, depth + 1)));
        }
        expression.appendTail(expanded);
        return expanded.toString();
    }

    /** Whether setting the environment variable {@code variable} sets a property this service reads. */
    boolean reads(String variable) {
        if (variable.startsWith("QUARKUS_")) {
            return true;
        }
        if (variable.startsWith("KAFKA_") && isKafkaClientProperty(variable.substring("KAFKA_".length()))) {
            return true;
        }
        return names.stream().anyMatch(name -> environmentName(name).equals(variable));
    }

    /** MicroProfile Config: every character that is not a letter or digit becomes {@code _}, then upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The connector hands every {@code kafka.*} property to Kafka's clients; these are the names they know. */
    private static boolean isKafkaClientProperty(String variable) {
        return Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames())
                .flatMap(Set::stream)
                .anyMatch(name -> environmentName(name).equals(variable));
    }

    /** The project modules on the service's runtime classpath (test-scoped ones are not). */
    private static Stream<Path> projectDependencies(Path module) {
        return DEPENDENCY.matcher(read(module.resolve("pom.xml"))).results()
                .map(dependency -> dependency.group(1))
                .filter(dependency -> !dependency.contains("<scope>test</scope>"))
                .flatMap(dependency -> PROJECT_ARTIFACT.matcher(dependency).results())
                .map(artifact -> module.resolveSibling(artifact.group(1)))
                .filter(sibling -> Files.isRegularFile(sibling.resolve("pom.xml")));
    }

    private void readModule(Path module) {
        for (String file : PROPERTY_FILES) {
            Path path = module.resolve(file);
            if (Files.isRegularFile(path)) {
                Properties own = load(path);
                own.stringPropertyNames().forEach(key -> names.add(key.replaceFirst("^%[\\w-]+\\.", "")));
                properties.putAll(own);
            }
        }
        Path sources = module.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(path -> path.toString().endsWith(".java")).map(ServiceConfiguration::read)
                        .forEach(this::addMappings);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The properties of a {@code @ConfigMapping} interface: its prefix followed by one member, or by a member and
     * a member of a nested group, in kebab case as SmallRye Config names them.
     */
    private void addMappings(String source) {
        Matcher mapping = CONFIG_MAPPING.matcher(source);
        if (!mapping.find()) {
            return;
        }
        List<String> members = MEMBER.matcher(source).results().map(member -> kebab(member.group(1))).toList();
        for (String member : members) {
            names.add(mapping.group(1) + "." + member);
            members.forEach(nested -> names.add(mapping.group(1) + "." + member + "." + nested));
        }
    }

    private static String kebab(String member) {
        return member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Properties load(Path path) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
