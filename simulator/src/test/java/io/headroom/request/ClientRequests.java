package io.headroom.request;

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
}
