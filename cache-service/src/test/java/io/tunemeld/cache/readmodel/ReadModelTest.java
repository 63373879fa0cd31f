package io.tunemeld.cache.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.AggregateEntry;
import io.tunemeld.events.ServicePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.SetOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

class ReadModelTest {

    private static final CacheTtls TTLS = new CacheTtls(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(2));
    private static final String DANCE = """
            {"genre":"dance","computedAt":"2026-11-21T10:00:00Z","strategy":"seed","entries":[]}""";

    private final ReadModelRepository repository = mock(ReadModelRepository.class);
    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);
    @SuppressWarnings("unchecked")
    private final ValueOperations<String, String> values = mock(ValueOperations.class);
    @SuppressWarnings("unchecked")
    private final SetOperations<String, String> sets = mock(SetOperations.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedisReadCache cache = new RedisReadCache(redis, TTLS, meters);
    private final ReadModel readModel = new ReadModel(repository, cache, TTLS);
    private final ReadModelProjection projection = new ReadModelProjection(repository, cache, TTLS);

    @Test
    void whenRedisIsDownTheAnswerComesFromPostgres() {
        when(redis.opsForValue()).thenThrow(new RedisConnectionFailureException("connection refused"));
        when(repository.aggregate("dance")).thenReturn(Optional.of(DANCE));

        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::genre, AggregateView::strategy)
                .containsExactly("dance", "seed");
        assertThat(meters.get("tunemeld.cache.lookups").tag("result", "error").counter().count()).isEqualTo(1);
    }

    @Test
    void aMissIsReadFromPostgresAndPutBackIntoRedis() {
        when(redis.opsForValue()).thenReturn(values);
        when(values.get("tunemeld:aggregate:dance")).thenReturn(null);
        when(repository.aggregate("dance")).thenReturn(Optional.of(DANCE));

        assertThat(readModel.aggregate("dance")).isPresent();
        verify(values).setIfAbsent("tunemeld:aggregate:dance", DANCE, Duration.ofDays(7));
        assertThat(meters.get("tunemeld.cache.lookups").tag("result", "miss").counter().count()).isEqualTo(1);
        assertThat(meters.get("tunemeld.cache.lookups").tag("result", "hit").counter().count()).isZero();
    }

    @Test
    void whatAReadTakesFromPostgresNeverOverwritesWhatAnEventWroteMeanwhile() {
        // Redis as a map: SET overwrites, SET NX does not
        Map<String, String> redisKeys = new HashMap<>();
        when(redis.opsForValue()).thenReturn(values);
        when(values.get(anyString())).thenAnswer(call -> redisKeys.get(call.<String>getArgument(0)));
        when(values.multiGet(any())).thenAnswer(call -> call.<List<String>>getArgument(0).stream().map(redisKeys::get).toList());
        doAnswer(call -> redisKeys.put(call.getArgument(0), call.getArgument(1))).when(values).set(anyString(), anyString(), any(Duration.class));
        when(values.setIfAbsent(anyString(), anyString(), any(Duration.class)))
                .thenAnswer(call -> redisKeys.putIfAbsent(call.getArgument(0), call.getArgument(1)) == null);
        String olderTrack = "{\"trackKey\":\"USRC1\",\"title\":\"Older\"}";
        String newerTrack = "{\"trackKey\":\"USRC1\",\"title\":\"Newer\"}";
        String newerDance = DANCE.replace("seed", "newer");
        // each read finds the older document; before it puts it back, an event (another replica, another listener) writes a newer one
        when(repository.aggregate("dance")).thenAnswer(call -> {
            redisKeys.put("tunemeld:aggregate:dance", newerDance);
            return Optional.of(DANCE);
        });
        when(repository.tracks(List.of("USRC1"))).thenAnswer(call -> {
            redisKeys.put(RedisReadCache.trackKey("USRC1"), newerTrack);
            return List.of(olderTrack);
        });

        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::strategy).isEqualTo("seed");
        assertThat(readModel.tracks(List.of("USRC1"))).extractingByKey("USRC1").extracting(TrackView::title).isEqualTo("Older");

        assertThat(redisKeys).containsEntry("tunemeld:aggregate:dance", newerDance).containsEntry(RedisReadCache.trackKey("USRC1"), newerTrack);
        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::strategy).isEqualTo("newer");
    }

    @Test
    void aDocumentIsParsedOncePerVersionAndReadAgainOnceTheVersionChanged() {
        Map<String, String> redisKeys = new HashMap<>(Map.of(RedisReadCache.VERSION, "v1", "tunemeld:aggregate:dance", DANCE,
                RedisReadCache.trackKey("USRC1"), "{\"trackKey\":\"USRC1\",\"title\":\"First\"}",
                RedisReadCache.trackKey("USRC2"), "{\"trackKey\":\"USRC2\",\"title\":\"Second\"}"));
        when(redis.opsForValue()).thenReturn(values);
        when(values.get(anyString())).thenAnswer(call -> redisKeys.get(call.<String>getArgument(0)));
        when(values.multiGet(any())).thenAnswer(call -> call.<List<String>>getArgument(0).stream().map(redisKeys::get).toList());

        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::strategy).isEqualTo("seed");
        assertThat(readModel.tracks(List.of("USRC1"))).extractingByKey("USRC1").extracting(TrackView::title).isEqualTo("First");
        // the writes a new version stands for are done before it is set
        redisKeys.put("tunemeld:aggregate:dance", DANCE.replace("seed", "newer"));
        redisKeys.put(RedisReadCache.trackKey("USRC1"), "{\"trackKey\":\"USRC1\",\"title\":\"Renamed\"}");

        // the version unchanged: what was parsed is answered, only what was not read yet is asked of Redis
        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::strategy).isEqualTo("seed");
        assertThat(readModel.tracks(List.of("USRC1", "USRC2"))).extractingFromEntries(entry -> entry.getValue().title())
                .containsExactlyInAnyOrder("First", "Second");
        verify(values).get("tunemeld:aggregate:dance");
        verify(values).multiGet(List.of(RedisReadCache.trackKey("USRC2")));

        redisKeys.put(RedisReadCache.VERSION, "v2");
        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::strategy).isEqualTo("newer");
        assertThat(readModel.tracks(List.of("USRC1", "USRC2"))).extractingFromEntries(entry -> entry.getValue().title())
                .containsExactlyInAnyOrder("Renamed", "Second");

        // without a version (Redis restarted empty) nothing kept is answered
        redisKeys.remove(RedisReadCache.VERSION);
        redisKeys.put("tunemeld:aggregate:dance", DANCE.replace("seed", "latest"));
        assertThat(readModel.aggregate("dance")).get().extracting(AggregateView::strategy).isEqualTo("latest");
    }

    @Test
    void anAggregateEventWritesItsGenresKeyAndNoOther() {
        when(redis.opsForValue()).thenReturn(values);
        when(redis.opsForSet()).thenReturn(sets);
        when(repository.saveAggregate(eq("dance"), any(), anyString())).thenReturn(true);

        projection.apply(AggregateComputed.newBuilder()
                .setEventId("e1").setOccurredAt(Instant.EPOCH).setGenre("dance").setComputedAt(Instant.EPOCH).setStrategy("seed")
                .setEntries(List.of(AggregateEntry.newBuilder().setRank(1).setTrackKey("USAT22504362").setIsrc("USAT22504362")
                        .setTitle("No Broke Boys").setArtist("Disco Lines, Tinashe").setScore(122).setServiceCount(2)
                        .setPositions(List.of(new ServicePosition("spotify", 6, "PAYLOAD", 1.0), new ServicePosition("soundcloud", 17, "PAYLOAD", 1.0)))
                        .setMovement("NEW").build()))
                .build());

        verify(values).set(eq("tunemeld:aggregate:dance"), anyString(), eq(Duration.ofDays(7)));
        verify(values, never()).set(eq("tunemeld:aggregate:pop"), anyString(), any(Duration.class));
        verify(sets).add("tunemeld:genres", "dance");
        verify(redis, never()).delete(anyString());
    }

    @Test
    void anOlderAggregateThanTheOneHeldLeavesRedisAlone() {
        when(repository.saveAggregate(eq("dance"), any(), anyString())).thenReturn(false);

        projection.apply(AggregateComputed.newBuilder().setEventId("old").setOccurredAt(Instant.EPOCH).setGenre("dance")
                .setComputedAt(Instant.EPOCH).setStrategy("seed").setEntries(List.of()).build());

        verify(redis, never()).opsForValue();
    }
}
