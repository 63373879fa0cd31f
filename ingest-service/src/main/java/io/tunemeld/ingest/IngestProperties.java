package io.tunemeld.ingest;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * @param playlistsFile the YAML file of genre -> service -> playlist to watch
 * @param playlistTtl how long a fetched playlist is reused before it is fetched again
 * @param refreshDay the weekday (UTC) on which every playlist is fetched again whatever its age; null for none
 * @param maxPayloadSize the largest payload published (and payload file read); a Kafka record carries at most 1 MB by default
 * @param payloadRoots the directories that payload directories named over HTTP must lie in; none refuses them all
 */
@ConfigurationProperties("tunemeld.ingest")
public record IngestProperties(Resource playlistsFile, @DefaultValue("7d") Duration playlistTtl, DayOfWeek refreshDay,
        @DefaultValue("900KB") DataSize maxPayloadSize, @DefaultValue List<Path> payloadRoots) {
}
