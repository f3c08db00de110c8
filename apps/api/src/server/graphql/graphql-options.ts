import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import type { ValidationRule } from 'graphql';
import { graphqlOperationSpans } from '../observability/graphql-operation-spans.plugin';
import { formatGraphQLError } from './format-graphql-error';
import { MAX_PAGE_SIZE } from './page-info.model';
import { queryLimitsRule } from './query-limits.rule';
import { graphqlContext } from './subscription-auth';
import { withoutSuggestions } from './suggestions';
import { AppConfig } from '@loris/engine';

/** Apollo as the API runs it: code-first schema in memory (committed copy checked by a test), our limits and error format. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: config.graphql.introspection,
    includeStacktraceInErrorResponses: false,
    // With introspection off (production), neither endpoint names what the schema has.
    formatError: config.graphql.introspection
      ? formatGraphQLError
      : (formatted, error) => withoutSuggestions(formatGraphQLError(formatted, error)),
    validationRules: graphqlLimits(config),
    context: graphqlContext,
    plugins: [graphqlOperationSpans()],
    // graphql-ws on the same path is served by SocketServer (server/ws), not by the driver, whose
    // WebSocketServer takes no payload limit; it applies `graphqlLimits` too.
  };
}

/** The depth, cost and root-field limits, for both doors: Apollo over HTTP, SocketServer over graphql-ws. */
export function graphqlLimits(config: AppConfig): ValidationRule[] {
  return [
    queryLimitsRule({
      maxDepth: config.graphql.maxDepth,
      maxComplexity: config.graphql.maxComplexity,
      maxPageSize: MAX_PAGE_SIZE,
      maxRootFields: config.graphql.maxRootFields,
    }),
  ];
}
