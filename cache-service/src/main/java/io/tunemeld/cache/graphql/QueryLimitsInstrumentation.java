package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.AbortExecutionException;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.List;

/**
 * Depth and complexity limits (each walking the whole query) checked once per distinct query and
 * variables: an API read from Redis spent a quarter of its time re-checking the same few queries.
 * A query over a limit is refused every time (only passes are remembered).
 */
class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    /** A list without a size argument: a track's services, positions, artists or genres, all a handful. */
    static final long UNSIZED_LIST = 5;

    private final MaxQueryDepthInstrumentation depth;
    private final int maxComplexity;
    private final Cache<String, Boolean> passed;

    /** @param rememberedChars how much query text (with its variables) the passes remembered may hold */
    QueryLimitsInstrumentation(int maxDepth, int maxComplexity, long rememberedChars) {
        this.depth = new MaxQueryDepthInstrumentation(maxDepth);
        this.maxComplexity = maxComplexity;
        this.passed = Caffeine.newBuilder().maximumWeight(rememberedChars).<String, Boolean>weigher((key, pass) -> key.length()).build();
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
     * What a query may cost to answer: each field one point, and a list field its items' cost as many times
     * as it may hold items (its {@code limit}, or its {@code days}, else {@link #UNSIZED_LIST}), so that page
     * sizes, day ranges and aliases all multiply the cost as they multiply the work. Computed here because
     * graphql-java's MaxQueryComplexityInstrumentation needs its validation-time state, and cached documents
     * skip validation.
     */
    private void checkComplexity(ExecutionContext context) {
        long complexity = complexity(context.getGraphQLSchema(), context.getDocument(), context.getExecutionInput().getOperationName(),
                context.getCoercedVariables());
        if (complexity > maxComplexity) {
            throw new AbortExecutionException("maximum query complexity exceeded " + complexity + " > " + maxComplexity
                    + ": page sizes (limit), day ranges (days) and aliases multiply a query's cost; ask for less at once");
        }
    }

    static long complexity(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables) {
        return QueryComplexityCalculator.newCalculator().schema(schema).document(document).operationName(operationName).variables(variables)
                .fieldComplexityCalculator((field, childComplexity) -> saturated(items(field) * (1L + childComplexity))).build().calculate();
    }

    /** How many items a field may return: one, unless it is a list. */
    private static long items(FieldComplexityEnvironment field) {
        if (!(GraphQLTypeUtil.unwrapNonNull(field.getFieldDefinition().getType()) instanceof GraphQLList)) {
            return 1;
        }
        for (String size : List.of("limit", "days")) {
            if (field.getArguments().get(size) instanceof Integer n) {
                return Math.max(n, 0);
            }
        }
        return UNSIZED_LIST;
    }

    /** The calculator adds in ints: a sum past their range must not wrap round to a small cost. */
    private static int saturated(long cost) {
        return (int) Math.min(cost, Integer.MAX_VALUE / 2);
    }
}
