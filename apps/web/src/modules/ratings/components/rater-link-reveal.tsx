'use client';

import { useSyncExternalStore } from 'react';
import { SecretReveal } from '@/components/secret-reveal';
import { raterLinkUrl } from '../lib/campaign-form';

const noSubscription = () => () => undefined;

// A rater link, shown once, as the full address on this console's own origin (which the server does not
// know behind a proxy, so it is read in the browser).
export function RaterLinkReveal({
  label,
  link,
  children,
}: {
  label: string;
  link: string;
  children: React.ReactNode;
}) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  return (
    <SecretReveal label={label} value={origin ? raterLinkUrl(origin, link) : `/rate/${link}`}>
      {children}
    </SecretReveal>
  );
}
