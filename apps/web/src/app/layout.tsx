import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'LORIS Studio', template: '%s · LORIS Studio' },
  description: 'Rhythm-synchronised soundtracks for dance and sports videos.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
