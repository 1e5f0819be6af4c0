package io.headroom.cli;

import java.net.InetAddress;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A security manager that lets everything through except a connection to, or a name lookup of, anything but
 * loopback: those are recorded and refused before a packet leaves. The JVM asks it before every connect (a
 * {@code Socket}, an NIO channel such as Netty's, a {@code URLConnection}) and before every DNS lookup, so it
 * catches what a proxy setting would miss. Resolving this machine's own name is allowed (it is read locally).
 * Java 17 allows installing one at run time; the test JVM is started with {@code -Djava.security.manager=allow}
 * so later JDKs that still have it do too.
 */
final class OutboundGuard extends SecurityManager {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private final List<String> attempts = new ArrayList<>();
    private final String ownName;

    OutboundGuard() throws Exception {
        this.ownName = InetAddress.getLocalHost().getHostName();
    }

    /** What tried to leave, as {@code host:port} ({@code host:lookup} for a name lookup), in order. */
    synchronized List<String> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void checkPermission(Permission perm) {
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        checkConnect(host, port);
    }

    @Override
    public void checkConnect(String host, int port) {
        if (loopback(host) || port == -1 && host.equalsIgnoreCase(ownName)) {
            return;
        }
        synchronized (this) {
            attempts.add(host + ":" + (port == -1 ? "lookup" : port));
        }
        throw new SecurityException("outbound connection refused by the test: " + host + ":" + port);
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || h.indexOf(':') >= 0) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
            } catch (Exception e) {
                return false;
            }
        }
        return false;
    }
}
