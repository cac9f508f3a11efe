/** Tag colours per deputy level, from national (red) down to street deliberation deputies (blue). */
export const LEVEL_COLORS: Record<string, string> = {
  national: 'red',
  provincial: 'volcano',
  municipal: 'orange',
  county: 'gold',
  township: 'green',
  yizheng: 'blue',
};
