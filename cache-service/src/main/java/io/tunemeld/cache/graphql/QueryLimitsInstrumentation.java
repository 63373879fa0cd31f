package io.tunemeld.cache.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.AbortExecutionException;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.List;
import java.util.Map;

/**
 * Depth and complexity limits (each walking the whole query) checked once per distinct query and
 * variables: an API read from Redis spent a quarter of its time re-checking the same few queries.
 * A query over a limit is refused every time (only passes are remembered).
 */
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    /** A list without a size argument: a track's services, positions, artists or genres, all a handful. */
    static final long UNSIZED_LIST = 5;

    private final int maxDepth;
    private final int maxComplexity;
    private final Map<String, Integer> listSizes;
    private final Cache<String, Boolean> passed;

    /** @param rememberedChars how much query text (with its variables) the passes remembered may hold */
    public QueryLimitsInstrumentation(int maxDepth, int maxComplexity, long rememberedChars) {
        this(maxDepth, maxComplexity, rememberedChars, Map.of());
    }

    /**
     * @param listSizes the most items of lists without a size argument that hold more than a handful, by
     *        {@code Type.field} (a whole playlist's tracks)
     */
    public QueryLimitsInstrumentation(int maxDepth, int maxComplexity, long rememberedChars, Map<String, Integer> listSizes) {
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
        this.listSizes = Map.copyOf(listSizes);
        this.passed = Caffeine.newBuilder().maximumWeight(rememberedChars).<String, Boolean>weigher((key, pass) -> key.length()).build();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionInput input = parameters.getExecutionContext().getExecutionInput();
        // the variables are part of the key: @skip and @include may depend on them
        String key = input.getOperationName() + "\n" + input.getRawVariables().toMap() + "\n" + input.getQuery();
        if (passed.getIfPresent(key) == null) {
            check(parameters.getExecutionContext());
            passed.put(key, Boolean.TRUE);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** Throws AbortExecutionException, reported as a GraphQL error, when the operation is over a limit. */
    private void check(ExecutionContext context) {
        OperationDefinition operation = context.getOperationDefinition();
        long fields = InlinedOperation.fields(operation, context.getFragmentsByName());
        if (fields > maxComplexity) {
            throw tooComplex(fields);
        }
        Document inlined = InlinedOperation.of(operation, context.getFragmentsByName());
        int depth = depth(inlined.getFirstDefinitionOfType(OperationDefinition.class).orElseThrow().getSelectionSet());
        if (depth > maxDepth) {
            throw new AbortExecutionException("maximum query depth exceeded " + depth + " > " + maxDepth);
        }
        long complexity = complexity(context.getGraphQLSchema(), inlined, operation.getName(), context.getCoercedVariables(), listSizes);
        if (complexity > maxComplexity) {
            throw tooComplex(complexity);
        }
    }

    private AbortExecutionException tooComplex(long complexity) {
        return new AbortExecutionException("maximum query complexity exceeded " + complexity + " > " + maxComplexity
                + ": page sizes (limit), day ranges (days) and aliases multiply a query's cost; ask for less at once");
    }

    /** The deepest field's level (a top-level field is at 1); fragments inlined, so they add no level of their own. */
    private static int depth(SelectionSet selections) {
        int deepest = 0;
        for (Selection<?> selection : selections == null ? List.<Selection<?>>of() : selections.getSelections()) {
            if (selection instanceof Field field) {
                deepest = Math.max(deepest, 1 + depth(field.getSelectionSet()));
            } else if (selection instanceof InlineFragment inline) {
                deepest = Math.max(deepest, depth(inline.getSelectionSet()));
            }
        }
        return deepest;
    }

    /**
     * What a query may cost to answer: each field one point, and a list field its items' cost as many times
     * as it may hold items (its {@code limit}, or its {@code days}, else {@link #UNSIZED_LIST}), so that page
     * sizes, day ranges and aliases all multiply the cost as they multiply the work; fragments counted
     * wherever they are spread. Computed here because graphql-java's MaxQueryComplexityInstrumentation needs
     * its validation-time state, and cached documents skip validation.
     */
    static long complexity(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables) {
        NodeUtil.GetOperationResult operation = NodeUtil.getOperation(document, operationName);
        return complexity(schema, InlinedOperation.of(operation.operationDefinition, operation.fragmentsByName), operationName, variables,
                Map.of());
    }

    private static long complexity(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables,
            Map<String, Integer> listSizes) {
        return QueryComplexityCalculator.newCalculator().schema(schema).document(document).operationName(operationName).variables(variables)
                .fieldComplexityCalculator((field, childComplexity) -> saturated(items(field, listSizes) * (1L + childComplexity)))
                .build().calculate();
    }

    /** How many items a field may return: one, unless it is a list. */
    private static long items(FieldComplexityEnvironment field, Map<String, Integer> listSizes) {
        if (!(GraphQLTypeUtil.unwrapNonNull(field.getFieldDefinition().getType()) instanceof GraphQLList)) {
            return 1;
        }
        Integer most = listSizes.get(GraphQLTypeUtil.simplePrint(field.getParentType()) + "." + field.getField().getName());
        if (most != null) {
            return most;
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
