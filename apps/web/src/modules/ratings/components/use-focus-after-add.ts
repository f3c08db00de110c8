'use client';

import { useEffect, useState } from 'react';

// After "Add …" puts a new row in, the keyboard goes on in that row: the element with the id asked for
// is focused once it has rendered.
export function useFocusAfterAdd(): (id: string) => void {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!pending) return;
    document.getElementById(pending)?.focus();
    setPending(null);
  }, [pending]);
  return setPending;
}
