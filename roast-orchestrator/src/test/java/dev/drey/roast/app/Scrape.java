package dev.drey.roast.app;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus series' value from {@code /q/metrics}, as Prometheus scrapes it (0 when absent). */
final class Scrape {
    private Scrape() {
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** {@code series} is the name with its labels exactly as exposed, e.g. {@code drey_x_total{reason="invalid"}}. */
    static double value(String body, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
