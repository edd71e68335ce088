import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseDayYear, chooseMonthYear, chooseWeekday } from '../../src/dates/common/refiners/NewsYearRefiner.js';

const P = { y: 2016, m: 11, d: 2 }; // a Wednesday

test('NewsYearRefiner: day and month without a year', () => {
  assert.equal(chooseDayYear(P, 1, 25, 'none'), 2016, 'past preferred over the nearer future');
  assert.equal(chooseDayYear(P, 11, 8, 'none'), 2016, 'within the 7-day window the future is kept');
  assert.equal(chooseDayYear(P, 11, 20, 'none'), 2015, 'beyond the window: last year');
  assert.equal(chooseDayYear(P, 11, 20, 'cue'), 2016, 'a future cue keeps the coming date');
  assert.equal(chooseDayYear(P, 11, 5, 'past'), 2015, '"dernier" never gives a future date');
  assert.equal(chooseDayYear(P, 10, 1, 'future'), 2017, '"prochain" never gives a past date');
  assert.equal(chooseDayYear(P, 2, 17, 'near'), 2017, '"ce": the nearest occurrence');
  assert.equal(chooseDayYear(P, 11, 2, 'none', 1), 2015, 'a weekday that fits one year picks it (2 Nov 2015 was a Monday)');
  assert.equal(chooseDayYear({ y: 2017, m: 2, d: 1 }, 2, 29, 'none'), 2016, 'only years where the day exists');
});

test('NewsYearRefiner: weekday alone', () => {
  assert.deepEqual(chooseWeekday(P, 3, 'none'), P, 'the publication day itself');
  assert.deepEqual(chooseWeekday(P, 1, 'none'), { y: 2016, m: 10, d: 31 });
  assert.deepEqual(chooseWeekday(P, 3, 'past'), { y: 2016, m: 10, d: 26 }, '"mercredi dernier" on a Wednesday: a week before');
  assert.deepEqual(chooseWeekday(P, 0, 'future'), { y: 2016, m: 11, d: 6 }, '"dimanche prochain": the coming Sunday');
  assert.deepEqual(chooseWeekday(P, 6, 'cue'), { y: 2016, m: 11, d: 5 });
});

test('NewsYearRefiner: month without a year', () => {
  assert.equal(chooseMonthYear(P, 7, 'none'), 2016);
  assert.equal(chooseMonthYear(P, 12, 'none'), 2015);
  assert.equal(chooseMonthYear(P, 11, 'past'), 2015);
  assert.equal(chooseMonthYear(P, 12, 'cue'), 2016);
  assert.equal(chooseMonthYear(P, 3, 'future'), 2017);
});
