package io.tunemeld.aggregate.snapshot;

import io.tunemeld.aggregate.ranking.ChartEntry;
import io.tunemeld.aggregate.ranking.RankedTrack;
import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.AggregateEntry;
import io.tunemeld.events.ServicePosition;
import io.tunemeld.platform.kafka.OutgoingEvent;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class AggregateEvents {

    private final Clock clock;

    AggregateEvents(Clock clock) {
        this.clock = clock;
    }

    /** A genre's ranking, keyed by genre; its id is the ranking's fingerprint. */
    OutgoingEvent<AggregateComputed> computed(String genre, Instant computedAt, String strategy, String fingerprint, List<ChartEntry> chart) {
        return new OutgoingEvent<>(Topics.AGGREGATES, genre, AggregateComputed.newBuilder()
                .setEventId(fingerprint)
                .setOccurredAt(clock.instant())
                .setGenre(genre)
                .setComputedAt(computedAt)
                .setStrategy(strategy)
                .setEntries(chart.stream().map(AggregateEvents::entry).toList())
                .build());
    }

    private static AggregateEntry entry(ChartEntry chart) {
        RankedTrack track = chart.track();
        return AggregateEntry.newBuilder()
                .setRank(track.rank())
                .setTrackKey(track.trackKey())
                .setIsrc(track.isrc())
                .setTitle(track.title())
                .setArtist(track.artist())
                .setScore(track.score())
                .setServiceCount(track.serviceCount())
                .setPositions(track.placements().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(p -> new ServicePosition(p.getKey().slug(), p.getValue().position(), p.getValue().matchMethod(),
                                p.getValue().matchConfidence()))
                        .toList())
                .setPreviousRank(chart.previousRank())
                .setPeakRank(chart.peakRank())
                .setDaysOnList(chart.daysOnList())
                .setMovement(chart.movement().name())
                .build();
    }
}
