import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  /** Cost multiplier for a `first` given as a variable (its value is unknown at validation time). */
  maxPageSize: number;
}

interface Measure {
  depth: number;
  cost: number;
}

/**
 * Refuses an operation nested deeper than maxDepth fields, or whose estimated cost exceeds maxComplexity.
 * The cost counts one per field, multiplied down a list by its `first` argument, so a wide page of deep
 * nodes or a thousand aliases costs what it would cost to answer. Fragments are expanded in place;
 * introspection counts like any other field (a 50-level `ofType` chain is refused too).
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const { depth, cost } = measure(context, operation.selectionSet, new Set(), limits);
      const name = operation.name ? `"${operation.name.value}" ` : '';
      if (depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(
            `The operation ${name}is nested ${depth} levels deep; the limit is ${limits.maxDepth}`,
            {
              nodes: [operation],
            },
          ),
        );
      }
      if (cost > limits.maxComplexity) {
        context.reportError(
          new GraphQLError(
            `The operation ${name}is too complex (cost ${cost}, the limit is ${limits.maxComplexity}); ask for fewer fields or smaller pages`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}

function measure(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  visiting: Set<string>,
  limits: QueryLimits,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      const child = selection.selectionSet
        ? measure(context, selection.selectionSet, visiting, limits)
        : { depth: 0, cost: 0 };
      inner = { depth: child.depth + 1, cost: 1 + pageSize(selection, limits) * child.cost };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(context, selection.selectionSet, visiting, limits);
    } else {
      const name = selection.name.value;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      // A fragment cycle is reported by graphql's own NoFragmentCycles rule; do not loop on it here.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      inner = measure(context, fragment.selectionSet, visiting, limits);
      visiting.delete(name);
    }
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
    // Stop counting early once clearly over: a hostile document must not make validation itself slow.
    if (cost > limits.maxComplexity * 10) break;
  }
  return { depth, cost };
}

function pageSize(field: FieldNode, limits: QueryLimits): number {
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (!first) return 1;
  if (first.value.kind === Kind.INT)
    return Math.max(1, Math.min(Number(first.value.value), limits.maxPageSize));
  return limits.maxPageSize;
}
