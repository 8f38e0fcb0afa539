package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.ticketflow.testing.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml checked without a Docker engine: it is a valid Compose file, it builds and runs what the
 * project is, and it configures the services only through properties they read. The Compose Specification's schema
 * is vendored in test resources (see compose-spec.ORIGIN.md).
 */
class ComposeFileTest {

    private static final ComposeFile COMPOSE = ComposeFile.load();
    private static final Schema COMPOSE_SPEC = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("classpath:compose-spec.json"));
    private static final Pattern FROM = Pattern.compile("(?im)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern BOOTSTRAP_OPTION = Pattern.compile("--bootstrap-server\\s+(\\S+)");
    private static final Pattern TOPIC_CREATION = Pattern.compile("--topic (\\S+) --partitions (\\d+).*retention\\.ms=(\\d+)");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|credential|api_?key|private_?key).*");

    @Test
    void theFileIsValidByTheComposeSpecification() {
        assertThat(violations(COMPOSE.json())).isEmpty();
    }

    @Test
    void theSchemaCatchesWhatComposeWouldReject() {
        ObjectNode misspelt = COMPOSE.root().deepCopy();
        ((ObjectNode) misspelt.path("services").path("producer-service")).put("container_nme", "producer");
        ObjectNode unknownCondition = COMPOSE.root().deepCopy();
        ((ObjectNode) unknownCondition.path("services").path("producer-service").path("depends_on").path("kafka"))
                .put("condition", "service_ready");

        assertThat(violations(misspelt.toString())).isNotEmpty();
        assertThat(violations(unknownCondition.toString())).isNotEmpty();
    }

    @Test
    void everyImageTagIsPinned() throws IOException {
        for (ComposeFile.Service service : COMPOSE.services().values()) {
            assertThat(service.image()).as(service.name() + " names its image").isPresent();
            assertThat(isPinned(service.image().orElseThrow())).as(service.name() + ": " + service.image()).isTrue();
            if (service.isBuilt()) {
                Matcher from = FROM.matcher(Files.readString(service.dockerfile()));
                Set<String> stages = new HashSet<>();
                while (from.find()) {
                    assertThat(stages.contains(from.group(1)) || isPinned(from.group(1)))
                            .as(service.dockerfile() + ": FROM " + from.group(1)).isTrue();
                    stages.add(from.group(2));
                }
            }
        }
    }

    @Test
    void everyBuiltServiceIsBuiltFromItsModuleWithTheWrapperAndRunsAsNonRoot() throws IOException {
        List<ComposeFile.Service> built = builtServices();
        assertThat(built).extracting(ComposeFile.Service::name).contains("producer-service", "worker-service");
        for (ComposeFile.Service service : built) {
            Path module = service.dockerfile().getParent();
            String name = module.getFileName().toString();
            assertThat(service.buildContext()).as(service.name() + ": the context is the whole reactor")
                    .isEqualTo(ReadmeCommands.REPOSITORY);
            assertThat(service.dockerfile()).isRegularFile();
            assertThat(module.resolve("pom.xml")).as(name + " is a Maven module").isRegularFile();

            String dockerfile = Files.readString(service.dockerfile());
            assertThat(dockerfile).as(service.dockerfile().toString())
                    .contains("./mvnw -B package -DskipTests -pl " + name + " -am")
                    .contains(name + "/target/quarkus-app/")
                    .contains("quarkus-run.jar");
            String runtime = dockerfile.substring(lastFrom(dockerfile));
            assertThat(runtime).as("the runtime stage of " + service.dockerfile()).containsPattern("(?m)^USER\\s+\\S+");
            assertThat(runtime).doesNotContainPattern("(?m)^USER\\s+(root|0)\\s*$");
        }
    }

    @Test
    void everyEnvironmentVariableOfABuiltServiceSetsAPropertyTheServiceReads() {
        for (ComposeFile.Service service : builtServices()) {
            ServiceConfiguration configuration = ServiceConfiguration.of(service.dockerfile().getParent());
            assertThat(service.environment().keySet()).as(service.name() + "'s environment")
                    .isNotEmpty()
                    .allMatch(configuration::reads);
        }
    }

    @Test
    void portsAndHealthChecksMatchTheServicesHttpPorts() throws IOException {
        for (ComposeFile.Service service : builtServices()) {
            int port = httpPort(service);
            assertThat(service.containerPorts()).as(service.name() + "'s published ports").allMatch(target -> target == port);
            URI url = service.healthcheckUrl()
                    .orElseThrow(() -> new AssertionError(service.name() + "'s health check asks no URL"));
            assertThat(url.getPort()).as(service.name() + "'s health check port").isEqualTo(port);
            assertThat(url.getPath()).isIn("/q/health/ready", "/q/health/live");
            assertThat(Files.readString(service.dockerfile())).containsPattern("(?m)^EXPOSE\\s+" + port + "\\s*$");
        }
        for (ComposeFile.Service service : COMPOSE.services().values()) {
            service.healthcheckUrl().filter(url -> service.publishesPorts()).ifPresent(url ->
                    assertThat(service.containerPorts()).as(service.name()).contains(url.getPort()));
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndDependentsWaitForIt() {
        Map<String, ComposeFile.Service> services = COMPOSE.services();
        for (ComposeFile.Service service : services.values()) {
            if (!service.isOneShot()) {
                assertThat(service.healthcheck()).as(service.name() + "'s health check").isNotEmpty()
                        .first().isIn("CMD", "CMD-SHELL");
            }
            service.dependsOn().forEach((dependency, settings) -> {
                assertThat(services).as(service.name() + " depends on").containsKey(dependency);
                String expected = services.get(dependency).isOneShot() ? "service_completed_successfully" : "service_healthy";
                assertThat(settings).as(service.name() + " → " + dependency).isNotNull();
                assertThat(settings.path("condition").asText()).as(service.name() + " → " + dependency).isEqualTo(expected);
            });
        }
    }

    @Test
    void theBrokerIsTheProjectsKafkaAndEveryClientUsesAListenerItAdvertises() {
        ComposeFile.Service kafka = COMPOSE.service("kafka");
        assertThat(kafka.image()).contains(SharedKafkaBroker.KAFKA_IMAGE);
        assertThat(COMPOSE.service("kafka-init").image()).contains(SharedKafkaBroker.KAFKA_IMAGE);
        assertThat(kafka.environment()).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");

        Map<String, String> advertised = listeners(kafka.environment().get("KAFKA_ADVERTISED_LISTENERS"));
        Set<String> inside = advertised.values().stream().filter(address -> address.startsWith("kafka:"))
                .collect(Collectors.toSet());
        assertThat(inside).as("a listener for the compose network").isNotEmpty();

        for (ComposeFile.Service service : COMPOSE.services().values()) {
            service.environment().forEach((name, value) -> {
                if (name.endsWith("BOOTSTRAP_SERVERS") || name.endsWith("BOOTSTRAPSERVERS")) {
                    assertThat(inside).as(service.name() + " " + name).contains(value);
                }
            });
            Matcher option = BOOTSTRAP_OPTION.matcher(service.command() + " " + String.join(" ", service.healthcheck()));
            while (option.find()) {
                assertThat(inside).as(service.name() + " --bootstrap-server").contains(option.group(1));
            }
        }

        Map<String, String> listening = listeners(kafka.environment().get("KAFKA_LISTENERS"));
        advertised.forEach((listener, address) -> {
            if (address.startsWith("localhost:")) {
                String port = address.substring("localhost:".length());
                String containerPort = listening.get(listener).substring(listening.get(listener).lastIndexOf(':') + 1);
                assertThat(kafka.node().path("ports").toString()).as("host port of listener " + listener)
                        .contains("\"" + port + ":" + containerPort + "\"");
            }
        });
    }

    @Test
    void topicsAreCreatedAsTheServicesConfigureThem() {
        Map<String, List<Long>> created = new HashMap<>();
        Matcher creation = TOPIC_CREATION.matcher(COMPOSE.service("kafka-init").command());
        while (creation.find()) {
            created.put(creation.group(1), List.of(Long.parseLong(creation.group(2)), Long.parseLong(creation.group(3))));
        }
        for (ComposeFile.Service service : builtServices()) {
            ServiceConfiguration configuration = ServiceConfiguration.of(service.dockerfile().getParent());
            Map<String, List<Long>> configured = new HashMap<>();
            for (String topic : List.of("tickets", "tickets-high", "tickets-low", "results", "state", "retries",
                    "commands", "dead-letter", "heartbeats")) {
                String prefix = "ticketflow.topics." + topic + ".";
                configured.put(setting(configuration, service, prefix + "name"), List.of(
                        Long.parseLong(setting(configuration, service, prefix + "partitions")),
                        duration(setting(configuration, service, prefix + "retention")).toMillis()));
            }
            assertThat(created).as("topic → [partitions, retention.ms]: kafka-init's and " + service.name() + "'s")
                    .isEqualTo(configured);
        }
    }

    @Test
    void theWorkerCanBeScaled() {
        ComposeFile.Service worker = COMPOSE.service("worker-service");
        assertThat(worker.publishesPorts()).as("a fixed host port allows one container only").isFalse();
        assertThat(worker.node().has("container_name")).as("a fixed name allows one container only").isFalse();
    }

    @Test
    void everyFileMountedFromTheRepositoryExists() {
        for (ComposeFile.Service service : COMPOSE.services().values()) {
            service.repositoryMounts().forEach((source, target) ->
                    assertThat(source).as(service.name() + ": " + target).exists());
        }
    }

    @Test
    void prometheusScrapesEveryInstanceOfBothServicesAtTheirMetricsPort() throws IOException {
        ComposeFile.Service prometheus = COMPOSE.service("prometheus");
        Path config = mount(prometheus.repositoryMounts(), "/etc/prometheus/prometheus.yml");
        Map<String, String> scraped = new HashMap<>();
        new YAMLMapper().readTree(config.toFile()).path("scrape_configs").forEach(job -> {
            assertThat(job.path("metrics_path").asText()).as(job.path("job_name").asText()).isEqualTo("/q/metrics");
            // DNS service discovery: one target per container, so scaled workers are scraped one by one.
            job.path("dns_sd_configs").forEach(dns -> dns.path("names").forEach(name ->
                    scraped.put(name.asText(), dns.path("port").asText())));
        });
        Map<String, String> expected = new HashMap<>();
        builtServices().forEach(service -> expected.put(service.name(), String.valueOf(httpPort(service))));
        assertThat(scraped).isEqualTo(expected);
    }

    @Test
    void grafanaProvisionsItsDataSourcesAndTheDashboardFromTheRepository() throws IOException {
        ComposeFile.Service grafana = COMPOSE.service("grafana");
        Map<Path, String> mounts = grafana.repositoryMounts();
        Path provisioning = mount(mounts, "/etc/grafana/provisioning");
        Set<String> uids = new HashSet<>();
        try (var files = Files.list(provisioning.resolve("datasources"))) {
            for (Path file : files.toList()) {
                for (var datasource : new YAMLMapper().readTree(file.toFile()).path("datasources")) {
                    URI url = URI.create(datasource.path("url").asText());
                    ComposeFile.Service target = COMPOSE.service(url.getHost());
                    assertThat(target.containerPorts()).as(file + ": " + url).contains(url.getPort());
                    uids.add(datasource.path("uid").asText());
                }
            }
        }
        try (var files = Files.list(provisioning.resolve("dashboards"))) {
            for (Path file : files.toList()) {
                for (var provider : new YAMLMapper().readTree(file.toFile()).path("providers")) {
                    String path = provider.path("options").path("path").asText();
                    assertThat(mounts).as(file + ": the dashboards' directory is mounted").containsValue(path);
                }
            }
        }
        assertThat(mount(mounts, "/var/lib/grafana/dashboards")).isEqualTo(GrafanaDashboard.DIRECTORY);
        GrafanaDashboard dashboard = GrafanaDashboard.load(GrafanaDashboard.TICKETFLOW);
        assertThat(dashboard.queries()).isNotEmpty().allSatisfy(query ->
                assertThat(query.metrics()).as(query.panel() + ": " + query.expr()).isNotEmpty());
        assertThat(uids).containsAll(dashboard.datasourceUids());
    }

    @Test
    void bothServicesExportEveryTraceToTheTraceBackend() {
        for (ComposeFile.Service service : builtServices()) {
            URI endpoint = URI.create(service.environment().get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"));
            ComposeFile.Service backend = COMPOSE.service(endpoint.getHost());
            assertThat(endpoint.getPort()).as(service.name() + ": OTLP over gRPC").isEqualTo(4317);
            assertThat(service.dependsOn()).as(service.name()).containsKey(backend.name());
            assertThat(service.environment()).as(service.name()).containsEntry("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1");
        }
    }

    @Test
    void noSecretIsSetInTheFile() {
        for (ComposeFile.Service service : COMPOSE.services().values()) {
            assertThat(service.environment().keySet()).as(service.name()).noneMatch(name -> SECRET.matcher(name).matches());
        }
    }

    private static Path mount(Map<Path, String> mounts, String target) {
        return mounts.entrySet().stream().filter(mount -> mount.getValue().equals(target)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at " + target));
    }

    private static List<String> violations(String json) {
        return COMPOSE_SPEC.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static List<ComposeFile.Service> builtServices() {
        return COMPOSE.services().values().stream().filter(ComposeFile.Service::isBuilt).toList();
    }

    /** The HTTP port the service listens on in its container; Quarkus' default is 8080. */
    private static int httpPort(ComposeFile.Service service) {
        return Integer.parseInt(ServiceConfiguration.of(service.dockerfile().getParent())
                .value("quarkus.http.port", service.environment()).orElse("8080"));
    }

    private static String setting(ServiceConfiguration configuration, ComposeFile.Service service, String property) {
        return configuration.value(property, service.environment())
                .orElseThrow(() -> new AssertionError(service.name() + " has no " + property));
    }

    /** A tag other than latest, or a digest. */
    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') && !image.substring(colon + 1).isBlank()
                && !image.substring(colon + 1).equals("latest");
    }

    /** {@code NAME://host:port,...} as listener name → host:port. */
    private static Map<String, String> listeners(String listeners) {
        return Arrays.stream(listeners.split(","))
                .map(listener -> listener.split("://", 2))
                .collect(Collectors.toMap(listener -> listener[0], listener -> listener[1]));
    }

    private static int lastFrom(String dockerfile) {
        Matcher from = FROM.matcher(dockerfile);
        int last = -1;
        while (from.find()) {
            last = from.start();
        }
        return last;
    }

    /** A duration as SmallRye Config reads it: ISO-8601, or a number with a unit such as {@code 7D}. */
    private static Duration duration(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.startsWith("P")) {
            return Duration.parse(upper);
        }
        return Duration.parse(upper.endsWith("D") ? "P" + upper : "PT" + upper);
    }
}
