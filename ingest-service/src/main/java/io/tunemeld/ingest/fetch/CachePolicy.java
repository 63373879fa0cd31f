package io.tunemeld.ingest.fetch;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a fetched playlist may be reused instead of calling the API again: while younger than the TTL,
 * except that on the weekly refresh day (UTC) anything fetched before that day is fetched again.
 */
public record CachePolicy(Duration playlistTtl, Optional<DayOfWeek> refreshDay) {

    public boolean isFresh(Instant fetchedAt, Instant now) {
        if (Duration.between(fetchedAt, now).compareTo(playlistTtl) >= 0) {
            return false;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean refreshToday = refreshDay.filter(day -> today.getDayOfWeek() == day).isPresent();
        return !(refreshToday && LocalDate.ofInstant(fetchedAt, ZoneOffset.UTC).isBefore(today));
    }
}
