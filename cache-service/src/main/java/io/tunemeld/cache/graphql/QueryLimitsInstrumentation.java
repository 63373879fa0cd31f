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
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Depth and complexity limits (each walking the whole query) checked once per distinct query and values of
 * the variables its cost depends on: an API read from Redis spent a quarter of its time re-checking the same
 * few queries. A query over a limit is refused every time (only passes are remembered).
 */
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    /** A list without a size argument: a track's services, positions, artists or genres, all a handful. */
    static final long UNSIZED_LIST = 5;
    /** The arguments that size a list, in the order they are looked for. */
    private static final List<String> SIZES = List.of("limit", "days");

    private final int maxDepth;
    private final int maxComplexity;
    private final Map<String, Integer> listSizes;
    /** Keyed by operation name, query text, and the values of its cost variables (in their order) */
    private final Cache<List<Object>, Boolean> passed;
    /** Keyed by operation name and query text */
    private final Cache<List<String>, Set<String>> costVariables;

    /** @param rememberedChars how much query text (with its variables) the passes remembered may hold, and as much the queries whose cost variables are known */
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
        this.passed = Caffeine.newBuilder().maximumWeight(rememberedChars)
                .<List<Object>, Boolean>weigher((key, pass) -> ((String) key.get(1)).length() + key.size()).build();
        this.costVariables = Caffeine.newBuilder().maximumWeight(rememberedChars)
                .<List<String>, Set<String>>weigher((query, names) -> query.get(1).length()).build();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        ExecutionInput input = context.getExecutionInput();
        List<String> query = Arrays.asList(input.getOperationName(), input.getQuery());
        Map<String, Object> values = context.getCoercedVariables().toMap();
        // only the variables the cost depends on are part of the key: a new genre or track key is not a new check
        List<Object> key = new ArrayList<>(query);
        for (String name : costVariables.get(query, q -> costVariables(context.getOperationDefinition(), context.getFragmentsByName()))) {
            key.add(values.get(name));
        }
        if (passed.getIfPresent(key) == null) {
            check(context);
            passed.put(key, Boolean.TRUE);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /**
     * The variables an operation's depth and complexity may depend on: those in a list's size arguments and in
     * directives ({@code @skip} and {@code @include} take fields out), fragments included; in order of name.
     */
    static Set<String> costVariables(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        Set<String> names = new TreeSet<>();
        costVariables(operation, false, fragments, new HashSet<>(), names);
        return names;
    }

    private static void costVariables(Node<?> node, boolean counted, Map<String, FragmentDefinition> fragments, Set<String> spread,
            Set<String> names) {
        if (node instanceof VariableReference variable && counted) {
            names.add(variable.getName());
        }
        boolean children = counted || node instanceof Directive || node instanceof Argument argument && SIZES.contains(argument.getName());
        if (node instanceof FragmentSpread fragment && spread.add(fragment.getName()) && fragments.containsKey(fragment.getName())) {
            costVariables(fragments.get(fragment.getName()), false, fragments, spread, names);
        }
        for (Node<?> child : node.getChildren()) {
            costVariables(child, children, fragments, spread, names);
        }
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
        for (String size : SIZES) {
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
