export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return <main className="centered">{children}</main>;
}
