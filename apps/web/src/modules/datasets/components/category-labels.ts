import type { DatasetCategory } from '@/graphql/generated';

// Typed on the generated enum, so a category added to the API fails the type check until it has a label.
export const categoryLabels: Record<DatasetCategory, string> = {
  DANCE: 'Dance',
  FLOOR_EXERCISE: 'Floor exercise',
  FIGURE_SKATING: 'Figure skating',
};
