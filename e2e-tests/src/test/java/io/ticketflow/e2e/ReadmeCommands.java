package io.ticketflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The shell commands of a Markdown document's fenced {@code bash} blocks, in document order, read the way a shell
 * reads them: continued lines joined, quotes removed, and a here-document's lines kept as the command's input. Tests
 * run these commands as a reader of the README (and docs/console.md) would, so neither can drift from what works.
 */
final class ReadmeCommands {

    /** The repository root: the parent of the test module's base directory. */
    static final Path REPOSITORY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    /** The Kafka console walkthrough the README's "Kafka console" section starts. */
    static final Path CONSOLE_WALKTHROUGH = REPOSITORY.resolve("docs/console.md");

    private ReadmeCommands() {
    }

    /** One command: its words after quote removal, and the lines of its here-document (empty without one). */
    record Command(List<String> words, List<String> input) {

        boolean startsWith(String... prefix) {
            return words.size() >= prefix.length && words.subList(0, prefix.length).equals(List.of(prefix));
        }

        /** The value following {@code option}, as in {@code --topic tickets}. */
        Optional<String> option(String option) {
            return IntStream.range(0, words.size() - 1)
                    .filter(i -> words.get(i).equals(option))
                    .mapToObj(i -> words.get(i + 1))
                    .findFirst();
        }

        /** A {@code --property name=value} setting of Kafka's console tools. */
        Optional<String> property(String name) {
            return IntStream.range(0, words.size() - 1)
                    .filter(i -> words.get(i).equals("--property") && words.get(i + 1).startsWith(name + "="))
                    .mapToObj(i -> words.get(i + 1).substring(name.length() + 1))
                    .findFirst();
        }

        /** The words from {@code from} on. */
        List<String> arguments(int from) {
            return words.subList(from, words.size());
        }

        @Override
        public String toString() {
            return String.join(" ", words);
        }
    }

    static List<Command> of(Path markdown) {
        try {
            return parse(Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Command> parse(String markdown) {
        List<Command> commands = new ArrayList<>();
        List<String> block = null;
        for (String line : markdown.split("\n", -1)) {
            String fence = line.strip();
            if (block == null && fence.equals("```bash")) {
                block = new ArrayList<>();
            } else if (block != null && fence.equals("```")) {
                commands.addAll(commandsOf(block));
                block = null;
            } else if (block != null) {
                block.add(line.strip());
            }
        }
        return Collections.unmodifiableList(commands);
    }

    private static List<Command> commandsOf(List<String> lines) {
        List<Command> commands = new ArrayList<>();
        int at = 0;
        while (at < lines.size()) {
            StringBuilder logical = new StringBuilder(lines.get(at++));
            while (logical.toString().endsWith("\\") && at < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines.get(at++));
            }
            if (logical.isEmpty() || logical.charAt(0) == '#') {
                continue;
            }
            List<String> words = new ArrayList<>(words(logical.toString()));
            List<String> input = new ArrayList<>();
            String last = words.getLast();
            if (last.startsWith("<<")) {
                words.removeLast();
                String delimiter = last.substring(2);
                while (at < lines.size() && !lines.get(at).equals(delimiter)) {
                    input.add(lines.get(at++));
                }
                at++;
            }
            commands.add(new Command(List.copyOf(words), List.copyOf(input)));
        }
        return commands;
    }

    /** Splits a command line into words as a POSIX shell does, for the quoting a README uses. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Unbalanced " + quote + " in: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
