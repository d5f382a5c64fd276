package dev.drey.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Uniform JSON errors: never a stack trace to the operator. */
final class CliSupport {
    private CliSupport() {
    }

    static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(Json.write(error("usage", e.getMessage())));
        err.flush();
        return Drey.EXIT_USAGE;
    }

    static int failure(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println(Json.write(error("failed", message)));
        err.flush();
        return Drey.EXIT_FAILURE;
    }

    static Map<String, Object> error(String kind, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", kind);
        m.put("message", message);
        return m;
    }
}
