package io.ticketflow.benchmarks.load;

import io.ticketflow.process.ApiKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The load generators' HTTP: the JDK client, asynchronous (sendAsync, no thread per request), HTTP/1.1 so that
 * {@code C} requests in flight are {@code C} kept-alive connections, as a closed loop of C clients means.
 */
public final class Http {

    /** The key every producer the rig starts accepts, and every request sends: an admin without submission limits. */
    public static final ApiKey HARNESS = ApiKey.harness();

    private Http() {
    }

    /** A request to a producer, with the harness's credentials. */
    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + HARNESS.key());
    }

    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                // Completions only record a number and send the next request: two threads keep up with them.
                .executor(Executors.newFixedThreadPool(2, Thread.ofPlatform().name("http-load-", 0).daemon().factory()))
                .build();
    }

    public static HttpRequest postJson(URI uri, String body) {
        return request(uri)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
