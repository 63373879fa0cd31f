package io.tunemeld.cache.notification;

import io.tunemeld.events.RunFinished;
import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.schemas.Topics;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells operators how runs ended, by posting each run's summary to the configured webhook. A run is
 * posted once: it is marked in the same transaction as the post, so a post that fails leaves it unmarked
 * and retried (then dead-lettered, to be re-driven), and a redelivered or replayed result finds it marked.
 * Without a webhook the results are consumed and nothing is posted, so setting one later does not post
 * the past.
 */
@Component
@EnableConfigurationProperties(NotificationProperties.class)
class RunNotificationListener {

    private static final Logger log = LoggerFactory.getLogger(RunNotificationListener.class);

    private final Optional<Webhook> webhook;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RunNotificationListener(NotificationProperties properties, ApiInstrumentation instrumentation, JdbcClient jdbc,
            TransactionTemplate transaction, Clock clock) {
        this.webhook = properties.webhook().map(url -> new Webhook(url, properties.timeout(), instrumentation));
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        if (webhook.isEmpty()) {
            log.info("no webhook configured (NOTIFY_WEBHOOK_URL): run results are not posted");
        }
    }

    @KafkaListener(topics = {Topics.Names.INGEST_RUNS, Topics.Names.TRACK_RUNS})
    void on(ConsumerRecord<String, RunFinished> record) {
        RunFinished run = record.value();
        if (webhook.isEmpty() || !RunSummary.worthNotifying(record.topic(), run)) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            int marked = jdbc.sql("insert into notified_runs (event_id, notified_at) values (:id, :at) on conflict do nothing")
                    .param("id", run.getEventId()).param("at", Timestamp.from(clock.instant())).update();
            if (marked == 1) {
                webhook.get().post(RunSummary.text(run, RunSummary.service(record.topic())));
            }
        });
    }
}
