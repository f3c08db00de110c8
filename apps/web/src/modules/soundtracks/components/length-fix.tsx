'use client';

// Offered when a request was refused for asking more seconds than its input has: one click puts the
// longest allowed length into Seconds, so the user fixes the request instead of decoding an error.
export function LengthFix({ longest, onUse }: { longest: number; onUse: (seconds: number) => void }) {
  const label = `${longest.toFixed(1)} s`;
  return (
    <p className="notice">
      The input is {label} long.{' '}
      <button type="button" className="button-secondary" onClick={() => onUse(longest)}>
        Use {label}
      </button>
    </p>
  );
}
