import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  /**
   * The largest page a list returns: the cost multiplier of a `first` given as a variable (its value is
   * unknown at validation time) and of a list field that takes no `first` at all.
   */
  maxPageSize: number;
  /** Most root fields (distinct aliases) one operation may select: each resolves on its own, to the database. */
  maxRootFields: number;
}

interface Measure {
  depth: number;
  cost: number;
}

/**
 * Refuses an operation nested deeper than maxDepth fields, whose estimated cost exceeds maxComplexity, or
 * that selects more than maxRootFields root fields. The cost counts one per field, multiplied down a list
 * by the page it can return: its `first` (literal, or the maximum for a variable), the default of `first`
 * when left out, and the maximum page size for a list that takes no `first`; a connection's `edges` are
 * counted once, by the connection's `first`. So a wide page of deep nodes, or a thousand aliases, costs
 * what it would cost to answer. Fragments are expanded in place. Introspection's lists (bounded by the
 * schema itself) count once per field, so a 50-level `ofType` chain is refused but the standard
 * introspection query is not. The root-field bound is what stops a thousand aliases of a cheap paginated
 * field, each of which would still be one database transaction.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const root = context.getSchema().getRootType(operation.operation) ?? undefined;
      const { depth, cost } = measure(context, operation.selectionSet, root, false, new Set(), limits);
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
      const rootFields = responseKeys(context, operation.selectionSet, new Set(), new Set()).size;
      if (rootFields > limits.maxRootFields) {
        context.reportError(
          new GraphQLError(
            `The operation ${name}selects ${rootFields} root fields (aliases included); the limit is ${limits.maxRootFields}: send fewer aliases, or split it into several requests`,
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
  parentType: GraphQLNamedType | undefined,
  inConnection: boolean,
  visiting: Set<string>,
  limits: QueryLimits,
): Measure {
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      const definition = fieldDefinition(parentType, selection.name.value);
      const connection =
        definition !== undefined &&
        definition.args.some((a) => a.name === 'first') &&
        !isListType(getNullableType(definition.type));
      const child = selection.selectionSet
        ? measure(
            context,
            selection.selectionSet,
            definition ? getNamedType(definition.type) : undefined,
            connection,
            visiting,
            limits,
          )
        : { depth: 0, cost: 0 };
      const page = pageSize(selection, definition, parentType, inConnection, limits);
      inner = { depth: child.depth + 1, cost: 1 + page * child.cost };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? context.getSchema().getType(selection.typeCondition.name.value)
        : parentType;
      inner = measure(context, selection.selectionSet, type ?? undefined, inConnection, visiting, limits);
    } else {
      const name = selection.name.value;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      // A fragment cycle is reported by graphql's own NoFragmentCycles rule; do not loop on it here.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      const type = context.getSchema().getType(fragment.typeCondition.name.value) ?? undefined;
      inner = measure(context, fragment.selectionSet, type, inConnection, visiting, limits);
      visiting.delete(name);
    }
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
    // Stop counting early once clearly over: a hostile document must not make validation itself slow.
    if (cost > limits.maxComplexity * 10) break;
  }
  return { depth, cost };
}

function fieldDefinition(
  parentType: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (!parentType || !(isObjectType(parentType) || isInterfaceType(parentType))) return undefined;
  return parentType.getFields()[name];
}

/** How many times the field's selection can be answered. */
function pageSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  parentType: GraphQLNamedType | undefined,
  inConnection: boolean,
  limits: QueryLimits,
): number {
  const clamp = (n: number) => Math.max(1, Math.min(n, limits.maxPageSize));
  const first = field.arguments?.find((a) => a.name.value === 'first');
  if (first) return first.value.kind === Kind.INT ? clamp(Number(first.value.value)) : limits.maxPageSize;
  const declared = definition?.args.find((a) => a.name === 'first');
  if (declared) {
    return typeof declared.defaultValue === 'number' ? clamp(declared.defaultValue) : limits.maxPageSize;
  }
  if (!definition || !isListType(getNullableType(definition.type))) return 1;
  // The edges of a connection are its page, already counted by the connection's `first`.
  if (inConnection) return 1;
  if (field.name.value.startsWith('__') || (parentType && isIntrospectionType(parentType))) return 1;
  return limits.maxPageSize;
}

/** The distinct response keys (alias or name) an operation selects at its root, fragments expanded. */
function responseKeys(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  visiting: Set<string>,
  keys: Set<string>,
): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // __typename, __schema and __type are answered from the schema, not by a resolver of ours.
      if (!selection.name.value.startsWith('__')) keys.add((selection.alias ?? selection.name).value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      responseKeys(context, selection.selectionSet, visiting, keys);
    } else {
      const fragment = context.getFragment(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      responseKeys(context, fragment.selectionSet, visiting, keys);
    }
  }
  return keys;
}
