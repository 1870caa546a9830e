package com.mintreu.licenseclient;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Helpers for the machine a client app runs on. */
public final class Machines {

    private static final int MAX_HOSTNAME = 255;
    private static final int MAX_PLATFORM = 64;
    private static final int MAX_CORES = 1024;

    private Machines() {}

    /**
     * This machine as the JVM sees it: hostname, {@code os.name/os.arch} as platform (e.g.
     * {@code Linux/amd64}), available processors as cores; no name (add one with
     * {@link MachineInfo#withName(String)}). Values are cut to the engine's limits, so activation never
     * fails on them. Resolving the hostname may ask the system resolver; a machine without one gets
     * {@code COMPUTERNAME}/{@code HOSTNAME} from the environment, or no hostname.
     * <p>This is not a fingerprint: choose one that is stable for your app (e.g. a random id stored
     * at first start), since hostnames and core counts change.
     */
    public static MachineInfo describeThisMachine() {
        String platform = clean(System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", ""), MAX_PLATFORM);
        int cores = Math.max(1, Math.min(MAX_CORES, Runtime.getRuntime().availableProcessors()));
        return new MachineInfo(null, platform, clean(hostname(), MAX_HOSTNAME), cores);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            String env = System.getenv("COMPUTERNAME");
            return env != null ? env : System.getenv("HOSTNAME");
        }
    }

    /** Without control characters and at most {@code max} long; null when nothing is left. */
    private static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("\\p{Cc}", "").strip(); // Cc = what the engine's isISOControl refuses
        if (t.length() > max) {
            t = t.substring(0, Character.isHighSurrogate(t.charAt(max - 1)) ? max - 1 : max);
        }
        return t.isEmpty() || t.equals("/") ? null : t;
    }
}
