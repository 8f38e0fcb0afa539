package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The repository's docker-compose.yml, read as data. */
final class ComposeFile {

    static final Path PATH = ReadmeCommands.REPOSITORY.resolve("docker-compose.yml");

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile load() {
        try {
            return new ComposeFile(new YAMLMapper().readTree(PATH.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String json() {
        try {
            return new ObjectMapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        root.path("services").properties().forEach(entry -> services.put(entry.getKey(),
                new Service(entry.getKey(), entry.getValue())));
        return services;
    }

    Service service(String name) {
        return Optional.ofNullable(services().get(name))
                .orElseThrow(() -> new AssertionError("docker-compose.yml has no service " + name));
    }

    /** One service of the file. */
    record Service(String name, JsonNode node) {

        Optional<String> image() {
            return text(node.path("image"));
        }

        boolean isBuilt() {
            return node.has("build");
        }

        Path buildContext() {
            return ReadmeCommands.REPOSITORY.resolve(node.path("build").path("context").asText(".")).normalize();
        }

        Path dockerfile() {
            return buildContext().resolve(node.path("build").path("dockerfile").asText("Dockerfile")).normalize();
        }

        /** Environment variables, whichever of the two forms (map or KEY=VALUE list) the file uses. */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            JsonNode variables = node.path("environment");
            if (variables.isArray()) {
                variables.forEach(entry -> {
                    String[] pair = entry.asText().split("=", 2);
                    environment.put(pair[0], pair.length > 1 ? pair[1] : null);
                });
            } else {
                variables.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
            }
            return environment;
        }

        /** Container ports of the {@code ports} entries, short ({@code "8080:8080"}) or long form. */
        List<Integer> containerPorts() {
            List<Integer> ports = new ArrayList<>();
            node.path("ports").forEach(port -> {
                String target = port.isObject() ? port.path("target").asText() : port.asText();
                ports.add(Integer.parseInt(target.substring(target.lastIndexOf(':') + 1).replaceFirst("/.*", "")));
            });
            return ports;
        }

        /** Bind mounts of the repository's files, short form ({@code ./path:/target[:ro]}): source → target. */
        Map<Path, String> repositoryMounts() {
            Map<Path, String> mounts = new LinkedHashMap<>();
            node.path("volumes").forEach(volume -> {
                String[] parts = volume.asText().split(":");
                if (parts[0].startsWith("./")) {
                    mounts.put(ReadmeCommands.REPOSITORY.resolve(parts[0]).normalize(), parts[1]);
                }
            });
            return mounts;
        }

        boolean publishesPorts() {
            return node.has("ports") && !node.path("ports").isEmpty();
        }

        /** Runs once and exits, like an init container: marked {@code restart: "no"}. */
        boolean isOneShot() {
            return node.path("restart").asText().equals("no");
        }

        List<String> healthcheck() {
            JsonNode test = node.path("healthcheck").path("test");
            return test.isArray() ? StreamSupport.stream(test.spliterator(), false).map(JsonNode::asText).toList()
                    : text(test).map(List::of).orElse(List.of());
        }

        /** The URL the health check asks, if it asks one. */
        Optional<URI> healthcheckUrl() {
            return healthcheck().stream().filter(word -> word.matches("https?://\\S+")).map(URI::create).findFirst();
        }

        /** The command, as one text whichever form it has. */
        String command() {
            JsonNode command = node.path("command");
            return command.isArray()
                    ? String.join(" ", StreamSupport.stream(command.spliterator(), false).map(JsonNode::asText).toList())
                    : command.asText();
        }

        Map<String, JsonNode> dependsOn() {
            Map<String, JsonNode> dependencies = new LinkedHashMap<>();
            JsonNode dependsOn = node.path("depends_on");
            if (dependsOn.isArray()) {
                dependsOn.forEach(name -> dependencies.put(name.asText(), null));
            } else {
                dependsOn.properties().forEach(entry -> dependencies.put(entry.getKey(), entry.getValue()));
            }
            return dependencies;
        }

        private static Optional<String> text(JsonNode node) {
            return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
        }
    }
}
