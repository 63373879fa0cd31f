package io.tunemeld.aggregate.snapshot;

import io.tunemeld.events.RunFinished;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** An ingest run's result names the playlists it published: the snapshots its editions wait for. */
@Component
class RunFinishedListener extends ReplayableListener {

    private final AggregateService aggregates;
    private final EventSender sender;

    RunFinishedListener(AggregateService aggregates, EventSender sender) {
        this.aggregates = aggregates;
        this.sender = sender;
    }

    @KafkaListener(topics = Topics.Names.INGEST_RUNS)
    void on(RunFinished run) {
        sender.send(aggregates.handle(run));
    }
}
