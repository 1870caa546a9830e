package com.mintreu.engine.web;

/**
 * Switches for measuring what a part of the request path costs (bench/catalog.sh's cost table),
 * never for production: {@code -Dmintreu.bench.off=securityHeaders,httpMetrics} drops those parts
 * from the handler chain. The access log has its own setting ({@code server.accessLog}).
 */
final class BenchSwitch {

    private BenchSwitch() {}

    static boolean off(String part) {
        for (String p : System.getProperty("mintreu.bench.off", "").split(",")) {
            if (p.strip().equals(part)) {
                return true;
            }
        }
        return false;
    }
}
