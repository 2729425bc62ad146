package io.hirestream.provisioning;

/** Provisioning could not do what was asked; the message says what and why. */
public class ProvisioningException extends RuntimeException {

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
