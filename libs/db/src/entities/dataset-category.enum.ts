// The three kinds of material the paper trains on (section 5.1): AIST++ dance, FineGym floor exercise,
// FisV / FS1000 figure skating.
export enum DatasetCategory {
  DANCE = 'DANCE',
  FLOOR_EXERCISE = 'FLOOR_EXERCISE',
  FIGURE_SKATING = 'FIGURE_SKATING',
}
