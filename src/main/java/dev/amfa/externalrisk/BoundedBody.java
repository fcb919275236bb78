package dev.amfa.externalrisk;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A risk service's answer, kept up to a limit: beyond it the write fails, which fails the request (and so the
 * signal, closed) instead of growing the heap. A score is a few dozen bytes; without the cap a policy's risk
 * service (or whoever answers in its place) could send gigabytes into every evaluation.
 */
final class BoundedBody implements WriteStream<Buffer> {
    private final int max;
    private final Buffer body = Buffer.buffer();

    BoundedBody(int max) {
        this.max = max;
    }

    Buffer body() {
        return body;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (body.length() + data.length() > max) {
            return Future.failedFuture(new IllegalStateException("the risk service answered more than " + max + " bytes"));
        }
        body.appendBuffer(data);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
