package io.headroom.validation.testbed;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.headroom.design.CallSpec;
import io.headroom.dist.DurationSampler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One call of one endpoint, as made from one caller instance, guarded by Resilience4j as the simulator's call path
 * guards it: each attempt asks the circuit breaker, then the bulkhead, then runs under its time limit (the call's
 * network time included, as the simulator arms the timeout before the network time); a failed attempt — the callee
 * answered other than 200, could not be reached, took too long, or was refused by the breaker or the bulkhead — is
 * retried after the backoff while attempts remain: {@code Retry(CircuitBreaker(Bulkhead(TimeLimiter(attempt))))}.
 * The breaker and the bulkhead belong to this caller instance, as the simulator gives each caller instance its own.
 *
 * <p>What the caller's own request then answers is the simulator's error cause of the call: 200 when an attempt
 * succeeded; when the last attempt was the caller's own failure, its cause ({@code timeout} 504, {@code circuit_open}
 * 521, {@code bulkhead} 429); otherwise the callee's failure, {@code dependency} 502. Every attempt goes into the
 * {@link CallLog}.
 *
 * <p>With tracing, each attempt that sends a request is a client span, from before its network latency to its answer
 * (or to the time limit), as an HTTP client's instrumentation records each request a retrying caller sends; an attempt
 * the breaker or the bulkhead refused sent nothing and has none.
 */
final class ResilientCall {
    private final String caller;
    private final String endpoint;
    private final int index;
    private final String callee;
    private final URI uri;
    private final DurationSampler[] latency;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final TimeLimiter limiter;
    private final HttpClient client;
    private final Executor executor;
    private final CallLog log;

    /**
     * @param latency per worker (samplers are not thread-safe), or null
     * @param jitter  the stream the retries' jitter draws from
     */
    ResilientCall(String caller, String endpoint, int index, CallSpec spec, URI uri, DurationSampler[] latency,
                  RandomGenerator jitter, HttpClient client, Executor executor, CallLog log) {
        this.caller = caller;
        this.endpoint = endpoint;
        this.index = index;
        this.callee = spec.to();
        this.uri = uri;
        this.latency = latency;
        String name = caller + "." + endpoint + ".calls[" + index + "]";
        breaker = spec.circuitBreaker() == null ? null : CircuitBreaker.of(name, ResilienceConfigs.breaker(spec.circuitBreaker()));
        bulkhead = spec.bulkhead() == null ? null : Bulkhead.of(name, ResilienceConfigs.bulkhead(spec.bulkhead()));
        retry = spec.retries().count() == 0 ? null : Retry.of(name, ResilienceConfigs.retry(spec.retries(), jitter));
        limiter = spec.timeout() == null ? null : TimeLimiter.of(name, ResilienceConfigs.timeLimiter(spec.timeout()));
        this.client = client;
        this.executor = executor;
        this.log = log;
    }

    /** Whether a call needs this path: it has a timeout, retries, a breaker or a bulkhead. */
    static boolean guarded(CallSpec call) {
        return call.timeout() != null || call.retries().count() > 0 || call.circuitBreaker() != null || call.bulkhead() != null;
    }

    /**
     * Makes the call on a client thread (parallel calls); the future holds what the caller answers. {@code trace}: the
     * caller's server span, or null.
     */
    CompletableFuture<Integer> callAsync(int worker, long key, long requestId, Tracing.Server trace) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(worker, key, requestId, trace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Http.DEPENDENCY;
            }
        }, executor);
    }

    /** Makes the call, all its attempts, on this thread; returns what the caller answers for it (200 when it succeeded). */
    int call(int worker, long key, long requestId, Tracing.Server trace) throws InterruptedException {
        URI target = URI.create(uri + "?key=" + key);
        CheckedSupplier<Integer> attempt = limiter == null
                ? () -> {
                    Tracing.Client span = trace == null ? null : trace.call(callee, target);
                    HttpRequest request = request(target, requestId, span);
                    int status = -1;
                    try {
                        InstanceServer.sleepNanos(InstanceServer.sample(latency, worker));
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        return status;
                    } finally {
                        if (span != null) {
                            span.end(status);
                        }
                    }
                }
                : () -> limiter.executeFutureSupplier(() -> {
                    Tracing.Client span = trace == null ? null : trace.call(callee, target);
                    return send(request(target, requestId, span), InstanceServer.sample(latency, worker), span);
                });
        if (bulkhead != null) {
            attempt = Bulkhead.decorateCheckedSupplier(bulkhead, attempt);
        }
        if (breaker != null) {
            attempt = CircuitBreaker.decorateCheckedSupplier(breaker, attempt);
        }
        CheckedSupplier<Integer> logged = logged(attempt, requestId);
        try {
            int status = (retry == null ? logged : Retry.decorateCheckedSupplier(retry, logged)).get();
            return status == Http.OK ? Http.OK : Http.DEPENDENCY;
        } catch (CallNotPermittedException e) {
            return Http.CIRCUIT_OPEN;
        } catch (BulkheadFullException e) {
            return Http.BULKHEAD;
        } catch (TimeoutException e) {
            return Http.TIMED_OUT;
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable e) {
            return Http.DEPENDENCY;
        }
    }

    /** One attempt's request, with the load generator's id and the attempt's span's trace context. */
    private static HttpRequest request(URI target, long requestId, Tracing.Client span) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(target).GET();
        if (requestId >= 0) {
            rb.header(Http.REQUEST_ID, Long.toString(requestId));
        }
        if (span != null) {
            span.inject(rb);
        }
        return rb.build();
    }

    /**
     * Sends after the latency; {@code span} (or null) ends with the answer, or when the time limiter cancels the
     * returned future.
     */
    private CompletableFuture<Integer> send(HttpRequest request, long latencyNs, Tracing.Client span) {
        CompletableFuture<HttpResponse<Void>> f = latencyNs > 0
                ? CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(latencyNs, TimeUnit.NANOSECONDS, executor))
                        .thenCompose(x -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                : client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        CompletableFuture<Integer> status = f.thenApply(HttpResponse::statusCode);
        if (span != null) {
            status.whenComplete((s, failure) -> span.end(failure == null ? s : -1));
        }
        return status;
    }

    /** Each attempt, numbered, into the call log with how it ended. */
    private CheckedSupplier<Integer> logged(CheckedSupplier<Integer> attempt, long requestId) {
        int[] n = {0};
        return () -> {
            int number = ++n[0];
            long start = System.nanoTime();
            CallLog.Outcome outcome = CallLog.Outcome.FAILED;
            try {
                int status = attempt.get();
                outcome = status == Http.OK ? CallLog.Outcome.OK : CallLog.Outcome.FAILED;
                return status;
            } catch (CallNotPermittedException e) {
                outcome = CallLog.Outcome.CIRCUIT_OPEN;
                throw e;
            } catch (BulkheadFullException e) {
                outcome = CallLog.Outcome.BULKHEAD;
                throw e;
            } catch (TimeoutException e) {
                outcome = CallLog.Outcome.TIMEOUT;
                throw e;
            } finally {
                log.add(new CallLog.Attempt(caller, endpoint, index, callee, number, start, System.nanoTime(), outcome, requestId));
            }
        };
    }
}
