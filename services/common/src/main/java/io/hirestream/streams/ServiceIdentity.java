package io.hirestream.streams;

import java.util.Map;

/** The name a service signs its dead letters with, passed to handlers through the client configs. */
public final class ServiceIdentity {

    /** The config key carrying the service name to handlers and interceptors. */
    public static final String SERVICE_NAME = "hirestream.service.name";

    private ServiceIdentity() {
    }

    public static String name(Map<String, ?> configs) {
        Object name = configs.get(SERVICE_NAME);
        return name == null ? "unknown" : name.toString();
    }
}
