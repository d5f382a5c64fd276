package dev.drey.runtime;

/**
 * The delivery must not be acknowledged: a backend the function needs (the KV store, the outbox) failed
 * and retrying within the delivery did not cure it. Adapters let the platform redeliver: the SmallRye
 * consumer does not commit the offset (the record is nacked and the channel fails), the Lambda invocation
 * fails (the MSK batch is retried), the Knative service answers 503 (KafkaSource retries). Safe, because
 * the functions are idempotent. The message names the function, the record and the cause, never a secret.
 */
public final class RedeliverException extends RuntimeException {
    public RedeliverException(String message, Throwable cause) {
        super(message, cause);
    }
}
