import { asSentences } from '@/lib/forms/as-sentences';

// Every form's refusal shows here, so this is the one place messages are made sentences.
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert">
      {asSentences(message)}
    </p>
  );
}
