package dev.drey.roast.app;

import dev.drey.runtime.FunctionRunner;
import dev.drey.runtime.MskBatchDecoder;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * {@link MskBatchHandler} as the CDI bean quarkus-amazon-lambda invokes ({@code quarkus.lambda.handler=drey},
 * built with {@code -Plambda}); Lambda's handler setting stays
 * {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}.
 */
@Named("drey")
@Singleton
public class LambdaEntry extends MskBatchHandler {
    @Inject
    public LambdaEntry(FunctionRunner runner) {
        super(new MskBatchDecoder(), runner);
    }
}
