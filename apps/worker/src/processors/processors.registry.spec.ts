import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOB_DEFINITIONS, JobProcessor } from '@loris/engine';
import { PROCESSORS } from './processors.registry';

// Processors keep their handler only; constructing one without it is enough to read which job it serves.
const jobsOf = PROCESSORS.map((processor) => (Reflect.construct(processor, []) as JobProcessor).job);

describe('the worker processor registry', () => {
  it('has exactly one processor for every job of the queue registry, and none for anything else', () => {
    const key = (job: { queue: string; name: string }) => `${job.queue}/${job.name}`;
    expect(jobsOf.map(key).sort()).toEqual(JOB_DEFINITIONS.map(key).sort());
    expect(new Set(jobsOf.map(key)).size).toBe(jobsOf.length);
  });

  it('registers every processor file of this folder, each a thin door of at most 60 lines', () => {
    const files = readdirSync(__dirname).filter((file) => file.endsWith('.processor.ts'));
    expect(files).toHaveLength(PROCESSORS.length);
    for (const file of files) {
      const lines = readFileSync(join(__dirname, file), 'utf8').split('\n').length;
      expect({ file, lines: Math.min(lines, 60) }).toEqual({ file, lines });
    }
  });
});
