import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationDefinitionNode } from 'graphql';
import { requestSpan } from './request-context.middleware';
import { tracingEnabled } from '@loris/engine';

/** The operation's name, or its first root field for an anonymous one (`mutation { createDataset }`). */
function operationLabel(operation: OperationDefinitionNode, name: string | null): string {
  if (name) return name;
  const first = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return first?.kind === Kind.FIELD ? first.name.value : 'anonymous';
}

/**
 * Names a GraphQL request's server span after its operation once Apollo has parsed it (`mutation
 * requestSoundtrack`), so a trace reads by what was asked rather than `POST /graphql`.
 */
export function graphqlOperationSpans(): ApolloServerPlugin<{ req?: unknown }> {
  return {
    async requestDidStart() {
      if (!tracingEnabled()) return;
      return {
        async didResolveOperation({ contextValue, operation, operationName }) {
          const span = requestSpan(contextValue.req);
          if (!span || !operation) return;
          span.updateName(`${operation.operation} ${operationLabel(operation, operationName)}`);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
      };
    },
  };
}
