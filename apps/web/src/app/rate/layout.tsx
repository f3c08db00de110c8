import type { Metadata } from 'next';

// The rater pages: no account and no console chrome, one column that fits a phone. Nothing here names the
// workspace, a system or a clip; search engines are asked to leave the links alone.
export const metadata: Metadata = { title: 'Listening test', robots: { index: false, follow: false } };

export default function RaterLayout({ children }: { children: React.ReactNode }) {
  return <main className="rater-page">{children}</main>;
}
