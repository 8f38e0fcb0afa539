package io.ticketflow.worker.handlers.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the {@code llm} handler: where the OpenAI-compatible API is and how to call it. */
@ConfigMapping(prefix = "ticketflow.handlers.llm")
public interface LlmConfig {

    /** The API's base: chat completions are posted to {@code <base-url>/chat/completions}. */
    @WithDefault("https://api.openai.com/v1")
    URI baseUrl();

    /**
     * Sent as {@code Authorization: Bearer <api-key>}; none when unset (a local server). Set it from the environment
     * ({@code TICKETFLOW_HANDLERS_LLM_API_KEY}) or a secret store, never in a file under version control. The worker
     * never logs it, and no result or error carries it.
     */
    Optional<String> apiKey();

    /**
     * The hosts the base URL may name, as for the http handler: with a base URL elsewhere every llm ticket fails with
     * {@code host_not_allowed}, so a mistyped setting cannot send prompts (and the key) to an unknown host.
     */
    @WithDefault("api.openai.com,localhost,127.0.0.1")
    List<String> allowedHosts();

    /** The model of a ticket whose payload names none; without it such a ticket fails with invalid_payload. */
    Optional<String> defaultModel();

    @WithDefault("5S")
    Duration connectTimeout();

    /** A call whose server sends nothing for this long (between two streamed chunks, too) is aborted. */
    @WithDefault("60S")
    Duration responseTimeout();

    /** The largest answer kept from the server (a non-streamed completion or an error); larger ones fail. */
    @WithDefault("1048576")
    int maxResponseBytes();

    /**
     * Connections kept open to the API's host. Default: as many as llm tickets may run at once
     * ({@code ticketflow.handlers.llm.max-in-flight}, else {@code ticketflow.worker.max-in-flight}).
     */
    Optional<Integer> maxConnectionsPerHost();

    /** Time limit of an attempt of an llm ticket without {@code timeoutMs}: long answers take minutes to generate. */
    @WithDefault("2M")
    Duration defaultTimeout();
}
