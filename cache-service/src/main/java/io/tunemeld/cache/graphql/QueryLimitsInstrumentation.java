package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;

/**
 * Depth and complexity limits (each walking the whole query) checked once per distinct query and
 * variables: an API read from Redis spent a quarter of its time re-checking the same few queries.
 * A query over a limit is refused every time (only passes are remembered).
 */
class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final MaxQueryDepthInstrumentation depth;
    private final int maxComplexity;
    private final Cache<String, Boolean> passed;

    QueryLimitsInstrumentation(int maxDepth, int maxComplexity, long remembered) {
        this.depth = new MaxQueryDepthInstrumentation(maxDepth);
        this.maxComplexity = maxComplexity;
        this.passed = Caffeine.newBuilder().maximumSize(remembered).build();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionInput input = parameters.getExecutionContext().getExecutionInput();
        // the variables are part of the key: @skip and @include may depend on them
        String key = input.getOperationName() + "\n" + input.getRawVariables().toMap() + "\n" + input.getQuery();
        if (passed.getIfPresent(key) == null) {
            // each throws AbortExecutionException, reported as a GraphQL error, when the query is over its limit
            depth.beginExecuteOperation(parameters, state);
            checkComplexity(parameters.getExecutionContext());
            passed.put(key, Boolean.TRUE);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /**
     * One point per field selected, as graphql-java's MaxQueryComplexityInstrumentation counts; computed here
     * because that instrumentation needs its validation-time state, and cached documents skip validation.
     */
    private void checkComplexity(ExecutionContext context) {
        int complexity = QueryComplexityCalculator.newCalculator().schema(context.getGraphQLSchema()).document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName()).variables(context.getCoercedVariables())
                .fieldComplexityCalculator((field, childComplexity) -> 1 + childComplexity).build().calculate();
        if (complexity > maxComplexity) {
            throw new AbortExecutionException("maximum query complexity exceeded " + complexity + " > " + maxComplexity);
        }
    }
}
