'use client';

import { useState } from 'react';

// Shows a one-time value (an API key secret, an invitation link) with a copy button.
export function SecretReveal({
  label,
  value,
  children,
}: {
  label: string;
  value: string;
  children: React.ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <div className="notice notice-success secret" role="status">
      <p>{children}</p>
      <div className="secret-row">
        <output aria-label={label} className="secret-value">
          {value}
        </output>
        <button type="button" className="button-secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
