package dev.drey.relay.quarkus;

import dev.drey.relay.RelayInformation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** NIP-11: the relay information document on {@code GET /} with {@code Accept: application/nostr+json}. */
@Path("/")
public class RelayInformationResource {

    @Inject
    RelayRuntime runtime;

    @GET
    @Produces(RelayInformation.MEDIA_TYPE)
    public Response information() {
        return cors(Response.ok(runtime.relay().information().toJson(), RelayInformation.MEDIA_TYPE)).build();
    }

    /** Browsers and curl without the nostr media type get a pointer instead of a 406. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response hello() {
        return cors(Response.ok("Drey Miner private nostr relay. Connect with a websocket; "
                + "NIP-11 document with Accept: " + RelayInformation.MEDIA_TYPE + "\n")).build();
    }

    /** CORS preflight (NIP-11 asks relays to allow cross-origin requests). */
    @OPTIONS
    public Response preflight() {
        return cors(Response.noContent()).build();
    }

    private static Response.ResponseBuilder cors(Response.ResponseBuilder b) {
        return b.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", "*")
                .header("Access-Control-Allow-Methods", "GET, OPTIONS");
    }
}
