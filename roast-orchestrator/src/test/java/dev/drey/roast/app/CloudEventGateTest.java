package dev.drey.roast.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CloudEvent endpoint exists only for the Knative adapter unless a setting says otherwise. */
class CloudEventGateTest {
    @Test
    void onlyTheKnativeAdapterTakesCloudEventsByDefault() {
        assertTrue(CloudEventResource.enabled(Optional.empty(), "knative"));
        assertFalse(CloudEventResource.enabled(Optional.empty(), "local"));
        assertFalse(CloudEventResource.enabled(Optional.empty(), "lambda"));
        assertFalse(CloudEventResource.enabled(Optional.of(false), "knative"));
        assertTrue(CloudEventResource.enabled(Optional.of(true), "local"));
        assertEquals("knative", FunctionTopicsConfig.adapter(" knative "));
    }

    @Test
    void aDisabledEndpointAnswers404WithoutTouchingTheRunner() {
        CloudEventResource resource = new CloudEventResource(); // runner left null: a call would throw
        assertEquals(404, resource.receive(null, new byte[0]).getStatus());
    }
}
