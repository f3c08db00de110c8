/**
 * Every Bull queue of the platform. ingest and evaluate get their processors with the curation and
 * evaluation issues; they are named here already so a deployment can point a worker pool at them
 * (WORKER_QUEUES) and KEDA can scale on them.
 */
export enum QueueName {
  AUDIT = 'audit',
  GENERATE = 'generate',
  INGEST = 'ingest',
  EVALUATE = 'evaluate',
}
