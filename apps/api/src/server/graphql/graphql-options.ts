import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { RequestAuthenticator } from '../auth/request-authenticator.service';
import { formatGraphQLError } from './format-graphql-error';
import { MAX_PAGE_SIZE } from './page-info.model';
import { queryLimitsRule } from './query-limits.rule';
import { graphqlContext, graphqlWsOptions } from './subscription-auth';
import { withoutSuggestions } from './suggestions';
import { AppConfig } from '@loris/engine';

/** Apollo as the API runs it: code-first schema in memory (committed copy checked by a test), our limits and error format. */
export function graphqlOptions(config: AppConfig, authenticator: RequestAuthenticator): ApolloDriverConfig {
  const limits = [
    queryLimitsRule({
      maxDepth: config.graphql.maxDepth,
      maxComplexity: config.graphql.maxComplexity,
      maxPageSize: MAX_PAGE_SIZE,
    }),
  ];
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
    validationRules: limits,
    context: graphqlContext,
    // Subscriptions over graphql-ws on the same path, authenticated from connectionParams, held to the same
    // depth and cost limits (Apollo's validationRules do not reach the socket).
    subscriptions: {
      'graphql-ws': graphqlWsOptions(authenticator, limits, { introspection: config.graphql.introspection }),
    },
  };
}
