package io.headroom.request;

import java.util.List;

/**
 * Requests as a test client makes them: what a load driver would hand a component, without the driver
 * (one endpoint, no user, no caller).
 */
public final class ClientRequests {
    private ClientRequests() {
    }

    /** A fresh counted request to endpoint 0 from the client registered as {@code owner}, arriving at {@code now}. */
    public static int counted(Requests req, int owner, long now) {
        int r = req.allocate();
        req.arrival[r] = now;
        req.endpoint[r] = 0;
        req.localEndpoint[r] = 0;
        req.user[r] = -1;
        req.counted[r] = true;
        req.owner[r] = owner;
        req.parent[r] = -1;
        return r;
    }

    /**
     * Registers a client that writes each outcome into {@code outcomes} ({@code "3 ok at 1000"},
     * {@code "3 REJECTED at 1000"}) and releases the request; returns its owner id.
     */
    public static int recording(Requests req, List<String> outcomes) {
        return req.register(new RequestListener() {
            @Override
            public void completed(int r, long now) {
                outcomes.add(r + " ok at " + now);
                req.release(r);
            }

            @Override
            public void failed(int r, ErrorCause cause, long now) {
                outcomes.add(r + " " + cause.name() + " at " + now);
                req.release(r);
            }
        });
    }
}
