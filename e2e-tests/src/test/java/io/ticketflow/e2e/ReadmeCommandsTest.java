package io.ticketflow.e2e;

import io.ticketflow.testing.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How README commands are read; the README's console commands held against the walkthrough KafkaConsoleIT runs
 * (docs/console.md), the walkthrough's docker-compose commands against docker-compose.yml and its local commands, and
 * the README's scaling against docker-compose.yml.
 */
class ReadmeCommandsTest {

    private static final Pattern COMPOSE_TOOL = Pattern.compile("/opt/kafka/bin/kafka-([a-z-]+)\\.sh");
    private static final Pattern SCALE = Pattern.compile("([\\w-]+)=\\d+");

    @Test
    void wordsAreSplitAsAShellSplitsThem() {
        assertThat(ReadmeCommands.words("a 'b c' \"d \\\"e\\\"\" f\\ g key.separator=: --x=\" \""))
                .containsExactly("a", "b c", "d \"e\"", "f g", "key.separator=:", "--x= ");
        assertThatThrownBy(() -> ReadmeCommands.words("echo 'open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyBashBlocksCountAndHereDocumentsBecomeInput() {
        String markdown = """
                ```text
                not a command
                ```
                   ```bash
                   # a comment
                   tool --topic tickets \\
                     --property parse.key=true <<'EOF'
                   k:{"type":"echo"}
                   EOF
                   other
                   ```
                """;

        List<ReadmeCommands.Command> commands = ReadmeCommands.parse(markdown);

        assertThat(commands).hasSize(2);
        assertThat(commands.getFirst().words()).containsExactly("tool", "--topic", "tickets", "--property", "parse.key=true");
        assertThat(commands.getFirst().input()).containsExactly("k:{\"type\":\"echo\"}");
        assertThat(commands.getFirst().option("--topic")).contains("tickets");
        assertThat(commands.getFirst().property("parse.key")).contains("true");
        assertThat(commands.get(1).words()).containsExactly("other");
        assertThat(commands.get(1).input()).isEmpty();
    }

    @Test
    void theReadmesConsoleCommandsAreTheWalkthroughsWhichKafkaConsoleItRuns() {
        List<ReadmeCommands.Command> walkthrough = ReadmeCommands.of(ReadmeCommands.CONSOLE_WALKTHROUGH);
        List<ReadmeCommands.Command> inReadme = ReadmeCommands.of(ReadmeCommands.REPOSITORY.resolve("README.md"))
                .stream()
                .filter(command -> command.startsWith("bin/kafka"))
                .toList();

        assertThat(inReadme).as("bin/kafka commands in README.md").isNotEmpty();
        assertThat(walkthrough).containsAll(inReadme);
    }

    @Test
    void everyComposeConsoleCommandIsALocalOneOnTheComposeBrokersInternalListener() {
        List<ReadmeCommands.Command> readme = ReadmeCommands.of(ReadmeCommands.CONSOLE_WALKTHROUGH);
        ComposeFile compose = ComposeFile.load();
        String internal = compose.service("kafka").environment().get("KAFKA_ADVERTISED_LISTENERS")
                .replaceFirst(".*INTERNAL://([^,]+).*", "$1");

        List<ReadmeCommands.Command> inCompose = readme.stream()
                .filter(command -> command.startsWith("docker", "compose", "exec"))
                .filter(command -> command.words().stream().anyMatch(word -> word.startsWith("/opt/kafka/bin/kafka-console-")))
                .toList();
        assertThat(inCompose).as("docker compose exec ... kafka-console-*.sh commands in docs/console.md").isNotEmpty();

        for (ReadmeCommands.Command command : inCompose) {
            List<String> words = new ArrayList<>(command.arguments(3));
            words.remove("-T");
            String service = words.removeFirst();
            assertThat(compose.service(service).image()).as(command.toString()).contains(SharedKafkaBroker.KAFKA_IMAGE);
            Matcher tool = COMPOSE_TOOL.matcher(words.removeFirst());
            assertThat(tool.matches()).as(command.toString()).isTrue();
            assertThat(command.option("--bootstrap-server")).as(command.toString()).contains(internal);

            List<String> local = new ArrayList<>(List.of("bin/kafka", tool.group(1)));
            local.addAll(words);
            local.set(local.indexOf("--bootstrap-server") + 1, ConsoleToolProcess.README_BOOTSTRAP);
            assertThat(readme).extracting(ReadmeCommands.Command::words).as("the local form of " + command).contains(local);
        }
    }

    @Test
    void theReadmeScalesAServiceThatCanBeScaled() {
        List<ReadmeCommands.Command> scaling = ReadmeCommands.of(ReadmeCommands.REPOSITORY.resolve("README.md")).stream()
                .filter(command -> command.startsWith("docker", "compose", "up") && command.option("--scale").isPresent())
                .toList();
        assertThat(scaling).as("docker compose up --scale in README.md").isNotEmpty();
        Map<String, ComposeFile.Service> services = ComposeFile.load().services();
        for (ReadmeCommands.Command command : scaling) {
            Matcher scaled = SCALE.matcher(command.option("--scale").orElseThrow());
            assertThat(scaled.matches()).as(command.toString()).isTrue();
            assertThat(services).containsKey(scaled.group(1));
            assertThat(services.get(scaled.group(1)).publishesPorts()).as(command.toString()).isFalse();
        }
    }
}
