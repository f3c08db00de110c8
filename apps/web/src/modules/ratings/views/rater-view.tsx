import { RaterApp } from '../components/rater-app';

// A campaign link or a per-rater link (/rate/<link>): the page is the same for both; the API tells them apart.
export function RaterView({ link }: { link: string }) {
  return <RaterApp link={link} />;
}
