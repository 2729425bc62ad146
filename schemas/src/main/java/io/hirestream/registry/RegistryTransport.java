package io.hirestream.registry;

import java.io.IOException;
import java.net.URI;

/** How a {@link SchemaRegistryClient} exchanges one REST request with a registry. */
interface RegistryTransport {

    Response exchange(URI base, String method, String path, String body, String authorization) throws IOException;

    /** A registry's answer: the HTTP status and the body. */
    record Response(int status, String body) {
    }
}
