package io.tunemeld.cache.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation with every fragment spread replaced by the fragment's own selections. graphql-java's query
 * traversal visits a fragment once however often it is spread, so limits computed on the document as
 * written count a fragment spread under a hundred aliases once. Before inlining, the fields the operation
 * asks for once inlined are counted (each fragment once, so spreads of spreads cannot make the count
 * itself costly), and an operation over the limit is not inlined at all.
 */
final class InlinedOperation {

    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Long> fieldsPerFragment = new HashMap<>();

    private InlinedOperation(Map<String, FragmentDefinition> fragments) {
        this.fragments = fragments;
    }

    /** How many fields the operation asks for with its fragments inlined (saturating, never wrapping round). */
    static long fields(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        return new InlinedOperation(fragments).fields(operation.getSelectionSet());
    }

    /** A document of the operation alone, fragments inlined: call only on an operation whose {@link #fields} are bounded. */
    static Document of(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        InlinedOperation inliner = new InlinedOperation(fragments);
        return Document.newDocument()
                .definition(operation.transform(o -> o.selectionSet(inliner.inline(operation.getSelectionSet())))).build();
    }

    private long fields(SelectionSet selections) {
        long count = 0;
        for (Selection<?> selection : selections == null ? List.<Selection<?>>of() : selections.getSelections()) {
            long more = 0;
            if (selection instanceof Field field) {
                more = 1 + fields(field.getSelectionSet());
            } else if (selection instanceof InlineFragment inline) {
                more = fields(inline.getSelectionSet());
            } else if (selection instanceof FragmentSpread spread) {
                more = fragmentFields(spread.getName());
            }
            count = Math.min(Long.MAX_VALUE / 2, count + more);
        }
        return count;
    }

    private long fragmentFields(String name) {
        Long counted = fieldsPerFragment.get(name);
        if (counted == null) {
            // counted as nothing while being counted: a fragment spreading itself is refused by validation, and must not loop here
            fieldsPerFragment.put(name, 0L);
            FragmentDefinition fragment = fragments.get(name);
            counted = fragment == null ? 0L : fields(fragment.getSelectionSet());
            fieldsPerFragment.put(name, counted);
        }
        return counted;
    }

    private SelectionSet inline(SelectionSet selections) {
        if (selections == null) {
            return null;
        }
        return SelectionSet.newSelectionSet(selections.getSelections().stream().<Selection>map(this::inline).toList()).build();
    }

    private Selection<?> inline(Selection<?> selection) {
        if (selection instanceof Field field) {
            return field.transform(f -> f.selectionSet(inline(field.getSelectionSet())));
        }
        if (selection instanceof InlineFragment inline) {
            return inline.transform(i -> i.selectionSet(inline(inline.getSelectionSet())));
        }
        if (selection instanceof FragmentSpread spread) {
            FragmentDefinition fragment = fragments.get(spread.getName());
            return InlineFragment.newInlineFragment().typeCondition(fragment.getTypeCondition()).directives(spread.getDirectives())
                    .selectionSet(inline(fragment.getSelectionSet())).build();
        }
        return selection;
    }
}
