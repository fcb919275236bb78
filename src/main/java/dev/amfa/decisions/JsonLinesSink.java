package dev.amfa.decisions;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every decision and event as one JSON line, to a file or stdout, for a SIEM. Lines are queued (bounded) and
 * written by a thread of its own: a slow disk never holds an evaluation up; a full queue drops and counts.
 * {"kind": "decision", ...the whole decision} and {"kind": "event", ...}.
 */
public final class JsonLinesSink implements DecisionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSink.class);
    /** How long the writer waits for a line before flushing what it wrote. */
    private static final long IDLE_MILLIS = 200;

    private final BlockingQueue<String> lines;
    private final Writer out;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closing;

    public JsonLinesSink(Path target, int queueSize) throws IOException {
        this.lines = new ArrayBlockingQueue<>(queueSize);
        this.out = target.toString().equals("stdout")
                ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), StandardCharsets.UTF_8));
        this.writer = new Thread(this::drain, "amfa-decision-jsonl");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void decided(DecisionRecord record) {
        offer(DecisionJson.full(record, List.of()).put("kind", "decision"));
    }

    @Override
    public void happened(DecisionEvent event) {
        offer(DecisionJson.event(event).put("kind", "event").put("org", event.org()).put("user", event.userId()));
    }

    public long dropped() {
        return dropped.get();
    }

    /** A record that does not encode is dropped and counted like a line the queue has no room for. */
    private void offer(JsonObject line) {
        String encoded;
        try {
            encoded = line.encode();
        } catch (RuntimeException | StackOverflowError e) {
            dropped.incrementAndGet();
            LOG.warn("decision JSON-lines sink: a {} could not be encoded, dropped: {}", line.getString("kind"), e.toString());
            return;
        }
        if (!lines.offer(encoded) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("decision JSON-lines sink is behind: {} lines dropped so far", dropped.get());
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        while (!closing || !lines.isEmpty()) {
            try {
                String first = lines.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                lines.drainTo(batch);
                for (String line : batch) out.write(line + "\n");
                out.flush();
            } catch (InterruptedException e) {
                closing = true;
            } catch (IOException e) {
                LOG.warn("decision JSON-lines sink could not write {} lines: {}", batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException, IOException {
        closing = true;
        writer.join(TimeUnit.SECONDS.toMillis(5));
        out.flush();
    }
}
