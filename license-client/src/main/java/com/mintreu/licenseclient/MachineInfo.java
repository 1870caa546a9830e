package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an activation tells the engine about the machine besides its fingerprint; the customer sees
 * it on their account page. Every field is optional (null). Start from {@link #NONE} or
 * {@link Machines#describeThisMachine()} and use the {@code with…} methods rather than the
 * constructor: optional fields added to activation later go here, and callers written this way keep
 * compiling. Limits (else the engine answers {@code MALFORMED} naming the field): name and hostname
 * 1 to 255 characters, platform 1 to 64, cores 1 to 1024, no control characters.
 *
 * @param name     a name the customer recognises, e.g. "Office laptop"
 * @param platform the operating system, e.g. "Linux/amd64"
 * @param hostname the machine's network name
 * @param cores    its processor count
 */
public record MachineInfo(String name, String platform, String hostname, Integer cores) {

    /** Nothing but the fingerprint. */
    public static final MachineInfo NONE = new MachineInfo(null, null, null, null);

    /** This with {@code name}. */
    public MachineInfo withName(String value) {
        return new MachineInfo(value, platform, hostname, cores);
    }

    /** This with {@code platform}. */
    public MachineInfo withPlatform(String value) {
        return new MachineInfo(name, value, hostname, cores);
    }

    /** This with {@code hostname}. */
    public MachineInfo withHostname(String value) {
        return new MachineInfo(name, platform, value, cores);
    }

    /** This with {@code cores}. */
    public MachineInfo withCores(Integer value) {
        return new MachineInfo(name, platform, hostname, value);
    }

    /** The activation request's fields for this record; the one place that names them on the wire. */
    void writeTo(ObjectNode body) {
        if (name != null) {
            body.put("name", name);
        }
        if (platform != null) {
            body.put("platform", platform);
        }
        if (hostname != null) {
            body.put("hostname", hostname);
        }
        if (cores != null) {
            body.put("cores", cores);
        }
    }
}
