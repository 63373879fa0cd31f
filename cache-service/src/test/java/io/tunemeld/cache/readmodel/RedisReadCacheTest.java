package io.tunemeld.cache.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.SetOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

class RedisReadCacheTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RedisReadCache.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEndsNotAtEveryCall() {
        StringRedisTemplate redis = mock(StringRedisTemplate.class);
        @SuppressWarnings("unchecked")
        ValueOperations<String, String> values = mock(ValueOperations.class);
        when(redis.opsForValue()).thenThrow(new RedisConnectionFailureException("connection refused"))
                .thenThrow(new RedisConnectionFailureException("connection refused"))
                .thenThrow(new RedisConnectionFailureException("connection refused"))
                .thenReturn(values);
        when(values.get("tunemeld:aggregate:dance")).thenReturn("{}");
        var cache = new RedisReadCache(redis, new CacheTtls(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(2)),
                new SimpleMeterRegistry());

        for (int call = 0; call < 3; call++) {
            assertThat(cache.get("tunemeld:aggregate:dance")).as("down: a miss, answered from PostgreSQL").isEmpty();
        }
        assertThat(cache.get("tunemeld:aggregate:dance")).isEqualTo(Optional.of("{}"));

        List<String> warnings = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).containsExactly("Redis unavailable, using PostgreSQL until it answers again: connection refused",
                "Redis answers again");
    }

    @Test
    void keysWhoseWritesWereRefusedAreDeletedWithTheNextVersionAndTooManyAskForARewrite() {
        StringRedisTemplate redis = mock(StringRedisTemplate.class);
        @SuppressWarnings("unchecked")
        ValueOperations<String, String> values = mock(ValueOperations.class);
        @SuppressWarnings("unchecked")
        SetOperations<String, String> sets = mock(SetOperations.class);
        when(redis.opsForValue()).thenThrow(new RedisSystemException("READONLY You can't write against a read only replica", null))
                .thenReturn(values);
        when(redis.opsForSet()).thenReturn(sets);
        var cache = new RedisReadCache(redis, new CacheTtls(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(2)),
                new SimpleMeterRegistry());

        cache.putAggregate("dance", "{}");
        assertThat(cache.hasUnwritten()).as("refused: Redis may still hold the old document").isTrue();
        cache.newVersion();
        verify(redis).delete(List.of("tunemeld:aggregate:dance"));
        // the genre set is added to, never deleted: a deleted set would grow back one genre at a time, incomplete
        verify(sets).add(RedisReadCache.GENRES, "dance");
        verify(redis, never()).delete(RedisReadCache.GENRES);
        verify(values).set(eq(RedisReadCache.VERSION), anyString());
        assertThat(cache.hasUnwritten()).isFalse();

        when(redis.delete(anyCollection())).thenThrow(new RedisConnectionFailureException("connection refused"));
        cache.delete(IntStream.rangeClosed(0, RedisReadCache.MAX_UNWRITTEN).mapToObj(i -> "tunemeld:track:" + i).toList());
        assertThat(cache.takeTooManyUnwritten()).as("more than are remembered: the read model is rewritten").isTrue();
        assertThat(cache.takeTooManyUnwritten()).isFalse();
    }
}
