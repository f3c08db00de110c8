import { RaterView } from '@/modules/ratings/views/rater-view';

export default async function RatePage({ params }: { params: Promise<{ token: string }> }) {
  return <RaterView link={(await params).token} />;
}
