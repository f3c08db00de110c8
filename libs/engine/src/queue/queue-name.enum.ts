/**
 * Every Bull queue of the platform. ingest takes the curation issue's ingest-video and ingest-segment
 * jobs; evaluate gets its processors with the evaluation issue, and is named here already so a deployment
 * can point a worker pool at it (WORKER_QUEUES) and KEDA can scale on it.
 */
export enum QueueName {
  AUDIT = 'audit',
  GENERATE = 'generate',
  INGEST = 'ingest',
  EVALUATE = 'evaluate',
  /** Training runs (issue 15): long jobs, so a pool of its own keeps them from holding generate slots. */
  TRAIN = 'train',
}
