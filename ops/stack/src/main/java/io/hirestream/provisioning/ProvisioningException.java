package io.hirestream.provisioning;

/** Provisioning could not do what was asked; the message says what and why. */
public class ProvisioningException extends RuntimeException {

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The future's value; a failure of the cluster's as this exception, naming the cluster's reason. */
    static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ProvisioningException("the cluster refused: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted", e);
        }
    }
}
