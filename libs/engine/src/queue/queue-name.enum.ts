/** Every Bull queue of the platform. The ingest, evaluate and train queues join in later issues. */
export enum QueueName {
  AUDIT = 'audit',
  GENERATE = 'generate',
}
