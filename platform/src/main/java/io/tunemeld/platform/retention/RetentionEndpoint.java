package io.tunemeld.platform.retention;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/** {@code POST /actuator/retention}: the retention job now, answering what it removed; needs the admin token. */
@Endpoint(id = "retention")
public class RetentionEndpoint {

    private final RetentionJob job;

    public RetentionEndpoint(RetentionJob job) {
        this.job = job;
    }

    @WriteOperation
    public RetentionJob.Report run() {
        return job.run();
    }
}
