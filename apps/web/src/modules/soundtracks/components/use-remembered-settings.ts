'use client';

import { useEffect, type RefObject } from 'react';
import { typedValues } from '@/lib/forms/typed-values';
import {
  generatePreferencesKey,
  preferencesToRestore,
  preferencesToStore,
} from '../lib/generate-preferences';

// Storage can be missing or refuse (private windows, full quota): remembering is a convenience, never an error.
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

// Fills the Generate form with this browser's last genre and sampling settings once it is on screen (after
// hydration, so the server's HTML and the first render agree), and returns the function that remembers them.
export function useRememberedSettings(
  form: RefObject<HTMLFormElement | null>,
  choices: { genres: readonly string[]; samplers: readonly string[] },
): (submitted: HTMLFormElement) => void {
  const { genres, samplers } = choices;
  useEffect(() => {
    const restored = preferencesToRestore(storage()?.getItem(generatePreferencesKey) ?? null, {
      genres,
      samplers,
    });
    for (const [name, value] of Object.entries(restored)) {
      const field = form.current?.elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
    }
    // Once per visit: after a refusal the form shows what was just submitted instead.
  }, []);
  return (submitted) => {
    try {
      const kept = preferencesToStore(typedValues(new FormData(submitted)));
      storage()?.setItem(generatePreferencesKey, JSON.stringify(kept));
    } catch {
      // Not remembered this time; the request itself goes on.
    }
  };
}
