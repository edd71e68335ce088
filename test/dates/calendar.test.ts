import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, addMonths, daysBetween, isoWeek, isValidYmd, parseIsoDay, weekdayOf } from '../../src/dates/calendar.js';

test('ISO weeks, including the year edges', () => {
  assert.equal(isoWeek({ y: 2015, m: 9, d: 30 }), '2015-W40');
  assert.equal(isoWeek({ y: 2021, m: 1, d: 3 }), '2020-W53'); // a Sunday still in 2020's last week
  assert.equal(isoWeek({ y: 2019, m: 12, d: 30 }), '2020-W01'); // a Monday already in 2020's first week
});

test('day and month arithmetic across year ends and leap days', () => {
  assert.deepEqual(addDays({ y: 2016, m: 12, d: 31 }, 1), { y: 2017, m: 1, d: 1 });
  assert.deepEqual(addDays({ y: 2016, m: 2, d: 28 }, 1), { y: 2016, m: 2, d: 29 });
  assert.deepEqual(addMonths(2016, 1, -1), { y: 2015, m: 12 });
  assert.equal(weekdayOf({ y: 2017, m: 1, d: 20 }), 5); // a Friday
});

test('publication dates: ISO day or timestamp, else null', () => {
  assert.deepEqual(parseIsoDay('2015-10-07T08:00:00Z'), { y: 2015, m: 10, d: 7 });
  assert.equal(parseIsoDay('2015-02-30'), null);
  assert.equal(parseIsoDay(null), null);
});

test('day-number arithmetic agrees with Date (UTC) over leap rules, year 0 and small years', () => {
  const date = (y: number, m: number, d: number): Date => {
    const dt = new Date(Date.UTC(2000, m - 1, d, 12));
    dt.setUTCFullYear(y);
    return dt;
  };
  for (const y of [-401, -1, 0, 4, 99, 100, 1582, 1900, 2000, 2023, 2024, 2100]) {
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= 31; d++) {
        const dt = date(y, m, d);
        const valid = dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
        assert.equal(isValidYmd({ y, m, d }), valid, `${y}-${m}-${d}`);
        if (!valid) continue;
        assert.equal(weekdayOf({ y, m, d }), dt.getUTCDay(), `${y}-${m}-${d}`);
        const later = new Date(dt.getTime() + 400 * 86_400_000);
        assert.deepEqual(addDays({ y, m, d }, 400), { y: later.getUTCFullYear(), m: later.getUTCMonth() + 1, d: later.getUTCDate() });
        assert.equal(daysBetween({ y, m, d }, { y: later.getUTCFullYear(), m: later.getUTCMonth() + 1, d: later.getUTCDate() }), 400);
      }
    }
  }
  assert.equal(isValidYmd({ y: 1900, m: 2, d: 29 }), false);
  assert.equal(isValidYmd({ y: 2000, m: 2, d: 29 }), true);
});
