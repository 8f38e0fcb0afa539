package io.ticketflow.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TicketProgressBoundsTest {

    @Test
    void aPercentOutsideZeroToHundredIsClamped() {
        assertThat(new TicketProgress(-5, null, null).percent()).isZero();
        assertThat(new TicketProgress(250, null, null).percent()).isEqualTo(100);
        assertThat(new TicketProgress(null, null, null).percent()).isNull();
    }

    @Test
    void aLongOutputKeepsItsNewestTextBehindAMark() {
        String output = "a".repeat(TicketProgress.MAX_OUTPUT_CHARS) + "the newest tokens";

        String kept = new TicketProgress(null, null, output).output();

        assertThat(kept).hasSize(TicketProgress.MAX_OUTPUT_CHARS).startsWith(TicketProgress.CUT)
                .endsWith("the newest tokens");
        assertThat(new TicketProgress(null, null, "short").output()).isEqualTo("short");
    }

    @Test
    void aReportOfAGrowingTextCopiesOnlyItsTailAndSaysSoTheSameWay() {
        StringBuilder text = new StringBuilder("b".repeat(TicketProgress.MAX_OUTPUT_CHARS * 3)).append("end");

        TicketProgress report = TicketProgress.ofTail(null, "n chunks", text);

        assertThat(report).isEqualTo(new TicketProgress(null, "n chunks", text.toString()));
        assertThat(TicketProgress.ofTail(5, null, "short").output()).isEqualTo("short");
        assertThat(TicketProgress.ofTail(5, null, null).output()).isNull();
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        for (int shift = 0; shift < 2; shift++) {
            String output = "x".repeat(shift) + emoji.repeat(TicketProgress.MAX_OUTPUT_CHARS);
            String message = "x".repeat(shift) + emoji.repeat(TicketProgress.MAX_MESSAGE_CHARS);

            TicketProgress progress = new TicketProgress(null, message, output);
            assertThat(TicketProgress.ofTail(null, message, new StringBuilder(output))).isEqualTo(progress);

            for (String text : new String[] {progress.output(), progress.message()}) {
                assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .as("survives UTF-8").isEqualTo(text);
            }
            assertThat(progress.message().length()).isLessThanOrEqualTo(TicketProgress.MAX_MESSAGE_CHARS);
            assertThat(progress.output().length()).isLessThanOrEqualTo(TicketProgress.MAX_OUTPUT_CHARS);
        }
    }

    @Test
    void aRecordWrittenByHandIsBoundedWhenRead() throws Exception {
        String json = "{\"ticketId\":\"t\",\"status\":\"RUNNING\",\"attempt\":1,\"worker\":\"console\","
                + "\"progress\":{\"percent\":1000,\"output\":\"" + "y".repeat(200_000) + "\"}}";

        TicketResult result = TicketJson.mapper().readValue(json, TicketResult.class);

        assertThat(result.progress().percent()).isEqualTo(100);
        assertThat(result.progress().output()).hasSize(TicketProgress.MAX_OUTPUT_CHARS);
    }
}
