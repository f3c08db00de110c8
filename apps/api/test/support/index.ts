// Test support for suites that need the real back end (apps/api/test/integration, e2e/):
//   createTestDatabase()          fresh migrated database loris_<label>_<pid>_<ms> + app role; .drop()
//   startTestApi({ env, database }) the real Nest API on 127.0.0.1:<ephemeral>; .graphqlUrl, .stop()
//   startTestWorker(config)       the real worker (Bull) on the same database and Redis prefix; .stop()
//   testConfig(database, env)     the AppConfig those use (rate limits raised; env overrides win)
//   gql(url, query, vars, { token | apiKey }), ok(res), signUpTenant(url), createApiKey(url, token, role)
//   requestSoundtrack(url, creds, input), requestSoundtrackId(url, creds, input)   a soundtrack job
//   wsClient(url, { token | apiKey }), subscribe(client, query, vars)   graphql-ws subscriptions
//   uploadBytes(baseUrl, bytes, creds), synthPosesJson(), testPatternMp4()   media for /v1/uploads
//   buildApps(), spawnWorkerProcess(config, env)   the built worker as a process a test can SIGKILL;
//                                                  .httpUrl: its health and /metrics server
//   waitFor(probe, what, timeoutMs)   polls until probe returns a value
//   startWorkerStack(label, env)  the API + an in-process worker, a scratch folder, an owner connection
//   runProcess(cmd, args, { cwd, env }), runLoris(apiBaseUrl, apiKey, args)   a process (the CLI) that
//                                                  does not block the API this process serves
//   connectDatabaseRoles(db, tenantNames)   owner and app-role clients, tenants signed up, .asApp(...)
// Everything is real: Postgres and Redis must answer (tools/ensure-services.sh).
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { testConfig } from './test-config';
export { startTestApi, startTestWorker, deleteRedisKeys } from './test-api';
export type { TestApi, TestWorker, StartTestApiOptions } from './test-api';
export {
  gql,
  ok,
  signUpTenant,
  createApiKey,
  requestSoundtrack,
  requestSoundtrackId,
} from './graphql-client';
export type { GraphQLResponse, GraphQLError, Credentials, SignedUp } from './graphql-client';
export { wsClient, subscribe } from './graphql-ws-client';
export type { SubscriptionResult } from './graphql-ws-client';
export { uploadBytes, synthPosesJson, testPatternMp4 } from './media-files';
export { buildApps, spawnWorkerProcess } from './worker-process';
export type { WorkerProcess } from './worker-process';
export { waitFor } from './wait-for';
export { startWorkerStack } from './worker-stack';
export type { WorkerStack } from './worker-stack';
export { REPO_ROOT, runLoris, runProcess } from './cli-process';
export type { ProcessRun } from './cli-process';
export { connectDatabaseRoles } from './database-roles';
export type { DatabaseRoles } from './database-roles';
export { RaterClient, wavSeconds } from './rater-client';
export type { RaterReply } from './rater-client';
