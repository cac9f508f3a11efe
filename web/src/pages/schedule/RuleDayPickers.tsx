/**
 * The day choosers of a reception rule, as form controls (`value`/`onChange`): days of the month
 * (1–31, with 逢十/逢五), days of the lunar month (初一…三十, with the market-day pairs 逢一逢六 …
 * 逢五逢十) and days of the week.
 */
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isEnglish } from '../../i18n/index.ts';

export const LUNAR_DAY_NAMES = ['', '初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '廿一', '廿二', '廿三', '廿四', '廿五', '廿六', '廿七', '廿八', '廿九', '三十'];

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Every tenth day from `first`: 逢一逢六 is [1, 6, 11, 16, 21, 26]. */
const pair = (a: number, b: number, max: number) => range(1, max).filter((d) => d % 10 === a % 10 || d % 10 === b % 10);

interface Props {
  id?: string;
  value?: number[];
  onChange?: (v: number[]) => void;
  disabled?: boolean;
}

interface ChipsProps extends Props {
  days: number[];
  label: (d: number) => string;
  presets: { key: string; label: string; days: number[] }[];
  columns: number;
  ariaLabel: string;
}

function DayChips({ id, value = [], onChange, disabled, days, label, presets, columns, ariaLabel }: ChipsProps) {
  const { t } = useTranslation();
  const chosen = new Set(value);
  const toggle = (d: number) => {
    const next = new Set(chosen);
    if (next.has(d)) next.delete(d);
    else next.add(d);
    onChange?.([...next].sort((a, b) => a - b));
  };
  const same = (ds: number[]) => ds.length === value.length && ds.every((d) => chosen.has(d));
  return (
    <div className="rule-days" id={id}>
      <Space wrap size={[6, 6]} className="rule-presets">
        {presets.map((p) => (
          <Button key={p.key} size="small" type={same(p.days) ? 'primary' : 'default'} disabled={disabled} onClick={() => onChange?.(p.days)}>
            {p.label}
          </Button>
        ))}
        <Button size="small" type="text" disabled={disabled || value.length === 0} onClick={() => onChange?.([])}>
          {t('schedule.rules.clearDays')}
        </Button>
      </Space>
      <div className="rule-day-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }} role="group" aria-label={ariaLabel}>
        {days.map((d) => (
          <button
            type="button"
            key={d}
            className={`rule-day${chosen.has(d) ? ' rule-day-on' : ''}`}
            aria-pressed={chosen.has(d)}
            disabled={disabled}
            onClick={() => toggle(d)}
          >
            {label(d)}
          </button>
        ))}
      </div>
    </div>
  );
}

export function MonthDaysPicker(props: Props) {
  const { t } = useTranslation();
  return (
    <DayChips
      {...props}
      days={range(1, 31)}
      columns={7}
      label={(d) => String(d)}
      ariaLabel={t('schedule.rules.monthDays')}
      presets={[
        { key: '10', label: t('schedule.rules.presetTens'), days: [10, 20, 30] },
        { key: '5', label: t('schedule.rules.presetFives'), days: [5, 15, 25] },
        { key: '1', label: t('schedule.rules.presetFirst'), days: [1] },
        { key: '15', label: t('schedule.rules.presetFirstFifteenth'), days: [1, 15] },
      ]}
    />
  );
}

export function LunarDaysPicker(props: Props) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  return (
    <DayChips
      {...props}
      days={range(1, 30)}
      columns={10}
      label={(d) => (en ? String(d) : LUNAR_DAY_NAMES[d]!)}
      ariaLabel={t('schedule.rules.lunarDays')}
      presets={[
        { key: '16', label: t('schedule.rules.preset16'), days: pair(1, 6, 30) },
        { key: '27', label: t('schedule.rules.preset27'), days: pair(2, 7, 30) },
        { key: '38', label: t('schedule.rules.preset38'), days: pair(3, 8, 30) },
        { key: '49', label: t('schedule.rules.preset49'), days: pair(4, 9, 30) },
        { key: '510', label: t('schedule.rules.preset510'), days: pair(5, 10, 30) },
        { key: '115', label: t('schedule.rules.presetNewFull'), days: [1, 15] },
      ]}
    />
  );
}

export function WeekdaysPicker(props: Props) {
  const { t } = useTranslation();
  const names = t('schedule.calendar.weekdays').split(',');
  return (
    <DayChips
      {...props}
      days={range(1, 7)}
      columns={7}
      label={(d) => names[d - 1] ?? String(d)}
      ariaLabel={t('schedule.rules.weekdays')}
      presets={[
        { key: 'work', label: t('schedule.rules.presetWorkdays'), days: [1, 2, 3, 4, 5] },
        { key: 'sat', label: t('schedule.rules.presetSaturday'), days: [6] },
      ]}
    />
  );
}
