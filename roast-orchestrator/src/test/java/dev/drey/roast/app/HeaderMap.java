package dev.drey.roast.app;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Request headers as JAX-RS hands them to {@link CloudEventResource}: names case-insensitive, one value each. */
final class HeaderMap implements HttpHeaders {
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    HeaderMap(Map<String, String> headers) {
        this.headers.putAll(headers);
    }

    @Override
    public String getHeaderString(String name) {
        return headers.get(name);
    }

    @Override
    public List<String> getRequestHeader(String name) {
        String v = headers.get(name);
        return v == null ? null : List.of(v);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
        headers.forEach(m::putSingle);
        return m;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return List.of(MediaType.WILDCARD_TYPE);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return List.of();
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.APPLICATION_JSON_TYPE;
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return Map.of();
    }

    @Override
    public Date getDate() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }
}
