package io.tunemeld.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The bench's CPU table: a thread's CPU time shows under its kind while it runs, and under the ended threads
 * once it has ended. Other test classes' shared stack (this JVM's threads, the registry it started) only adds.
 */
@EnabledOnOs(OS.LINUX)
class CpuTimeTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void aBusyThreadOfThisJvmCountsAsServiceTimeAndItsTimeIsNotLostWhenItEnds() throws Exception {
        Path noStack = Files.createTempDirectory("no-stack");
        CpuTime before = CpuTime.now(noStack);
        Thread busy = new Thread(CpuTimeTest::spin, "listener-like");
        busy.start();
        busy.join();
        List<CpuTime.Share> spent = CpuTime.now(noStack).since(before).shares();

        // the thread ended before the second reading: its time is the JVM's, under the ended threads
        double ended = seconds(spent, "stack JVM: threads that ended in the meantime");
        assertThat(ended).isGreaterThanOrEqualTo(0.3);
        assertThat(spent).isSortedAccordingTo((a, b) -> Double.compare(b.seconds(), a.seconds()));

        CpuTime during = CpuTime.now(noStack);
        Thread running = new Thread(CpuTimeTest::spinUntilInterrupted, "listener-like");
        running.start();
        // as long as it takes the thread to have run 0.4 s, however busy the machine
        while (THREADS.getThreadCpuTime(running.getId()) < 400_000_000L) {
            Thread.sleep(20);
        }
        CpuTime after = CpuTime.now(noStack);
        CpuTime.Window whileRunning = after.since(during);
        running.interrupt();
        running.join();
        assertThat(seconds(whileRunning.shares(), "stack JVM: services (listeners, producers, Redis and HTTP clients)"))
                .isGreaterThanOrEqualTo(0.3);
        // one thread's 0.4 s of CPU time fit in the window between the readings: it lasted at least as long
        assertThat(whileRunning.seconds()).isGreaterThanOrEqualTo(0.4).isLessThan(600);
        assertThat(whileRunning.total()).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void aThreadThatEndsBetweenTheReadingsAddsOnlyWhatItSpentBetweenThem() throws Exception {
        Path noStack = Files.createTempDirectory("no-stack");
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            spin();
            spun.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "listener-like");
        worker.start();
        spun.await();
        CpuTime before = CpuTime.now(noStack);
        end.countDown();
        worker.join();
        List<CpuTime.Share> spent = CpuTime.now(noStack).since(before).shares();

        // its 0.4 s were spent before the first reading: neither gone from its kind nor counted as ended
        assertThat(seconds(spent, "stack JVM: threads that ended in the meantime")).isLessThan(0.2);
        assertThat(seconds(spent, "stack JVM: services (listeners, producers, Redis and HTTP clients)")).isLessThan(0.2);
    }

    @Test
    void anEndedChildOfAStackProcessStillCounts() throws Exception {
        // as PostgreSQL's backend of a closed connection: a child of a stack process, ended and waited for by it
        Path noStack = Files.createTempDirectory("no-stack");
        Path done = noStack.resolve("done");
        Process parent = new ProcessBuilder("sh", "-c",
                "timeout 1 sh -c 'while :; do :; done'; touch '" + done + "'; sleep 60").start();
        try {
            CpuTime before = CpuTime.now(noStack);
            while (!Files.exists(done)) {
                Thread.sleep(20);
            }
            List<CpuTime.Share> spent = CpuTime.now(noStack).since(before).shares();
            assertThat(seconds(spent, "sh")).isGreaterThanOrEqualTo(0.2);
        } finally {
            parent.destroy();
        }
    }

    private static double seconds(List<CpuTime.Share> shares, String what) {
        return shares.stream().filter(share -> share.what().equals(what)).mapToDouble(CpuTime.Share::seconds).sum();
    }

    /** Runs until the thread has had 0.4 s of CPU time. */
    private static void spin() {
        while (THREADS.getCurrentThreadCpuTime() < 400_000_000L) {
            Thread.onSpinWait();
        }
    }

    private static void spinUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
    }
}
