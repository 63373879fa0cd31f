package io.tunemeld.cache.readmodel;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A track's view counts on each service, with the daily history, as the API serves them. */
public record ViewCountsView(String isrc, List<ServiceViews> services) {

    /**
     * @param weeklyChange the change since the newest day at least a week before the latest count, null
     *                     when the history does not reach that far back
     * @param history oldest first
     */
    public record ServiceViews(String service, long current, String updatedAt, Long weeklyChange, List<Day> history) {
    }

    /** @param alert set when the day's change was flagged as far outside the trailing days */
    public record Day(LocalDate date, long count, Long delta, Alert alert) {
    }

    /** @param kind spike or drop */
    public record Alert(String kind, double trailingAverage) {
    }

    /** One recorded day of one service, as stored. */
    record Row(String isrc, String service, LocalDate date, long count, Long delta, Alert alert, String countedAt) {
    }

    /** Builds the view from a track's stored rows (any order). */
    static ViewCountsView of(String isrc, List<Row> rows) {
        Map<String, List<Row>> byService = rows.stream().collect(Collectors.groupingBy(Row::service));
        List<ServiceViews> services = byService.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(service -> {
            List<Row> days = service.getValue().stream().sorted(Comparator.comparing(Row::date)).toList();
            Row latest = days.get(days.size() - 1);
            LocalDate weekBefore = latest.date().minusDays(7);
            Long weeklyChange = days.stream().filter(d -> !d.date().isAfter(weekBefore)).reduce((a, b) -> b)
                    .map(then -> latest.count() - then.count()).orElse(null);
            return new ServiceViews(service.getKey(), latest.count(), latest.countedAt(), weeklyChange,
                    days.stream().map(d -> new Day(d.date(), d.count(), d.delta(), d.alert())).toList());
        }).toList();
        return new ViewCountsView(isrc, services);
    }
}
