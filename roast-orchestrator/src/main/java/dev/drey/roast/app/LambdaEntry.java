package dev.drey.roast.app;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskBatchDecoder;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda entry point: the CDI bean quarkus-amazon-lambda invokes ({@code quarkus.lambda.handler=drey},
 * built with {@code -Plambda}; Lambda's handler setting stays
 * {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}), delegating to
 * {@link MskBatchHandler}.
 */
@Named("drey")
@Singleton
public class LambdaEntry implements RequestStreamHandler {
    private final MskBatchHandler handler;

    @Inject
    public LambdaEntry(FunctionRunner runner) {
        this.handler = new MskBatchHandler(new MskBatchDecoder(), runner);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output);
    }
}
