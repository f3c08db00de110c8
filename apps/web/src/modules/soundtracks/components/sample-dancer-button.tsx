'use client';

import { useFormStatus } from 'react-dom';
import { FormError } from '@/components/form-error';
import { sampleDancer } from '../lib/sample-dancer';
import type { SamplePhase } from './use-sample-dancer';

// For someone with no dance video at hand (a new workspace's first visit): one button that generates from
// the bundled synthetic dancer with the genre and settings of the form it sits in.
export function SampleDancerButton({
  phase,
  error,
  onTry,
}: {
  phase: SamplePhase;
  error?: string;
  onTry: () => void;
}) {
  const { pending } = useFormStatus();
  const starting = phase === 'fetching' || phase === 'uploading' || (phase === 'submitted' && pending);
  return (
    <div className="sample-offer">
      <button type="button" className="button-secondary" onClick={onTry} disabled={starting || pending}>
        {starting ? 'Starting the sample…' : 'Try a sample dancer'}
      </button>
      <span className="field-hint">
        No video at hand? Generate for a {sampleDancer.seconds} s synthetic dancer, with the genre and
        settings below.
      </span>
      <FormError message={error} />
    </div>
  );
}
