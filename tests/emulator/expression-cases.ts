/**
 * The aggregation expression operators node-sdk offers (`db.command.aggregate.*`), each with results MongoDB
 * documents for it (its reference pages' examples and stated rules), evaluated against DOC below. Grouped as
 * node-sdk groups them. `MISSING` means the field is left out of the result, as MongoDB leaves it out.
 */

export const MISSING = Symbol('missing')

export interface ExpressionCase {
  /** What the case shows (unique). */
  name: string
  expr: unknown
  expected: unknown
  /** The result is a set: compare without order. */
  unordered?: boolean
}

/** MongoDB's date-operator example document, plus a few fields to refer to. */
export const DOC = {
  _id: 'doc',
  date: new Date('2014-01-01T08:15:39.736Z'),
  nums: [1, 2, 3],
  word: 'cafétéria',
  nothing: null,
}

const d = (iso: string) => new Date(iso)

const arithmetic: ExpressionCase[] = [
  { name: 'abs', expr: { $abs: -1 }, expected: 1 },
  { name: 'abs of null', expr: { $abs: null }, expected: null },
  { name: 'add', expr: { $add: [1, 2, 3] }, expected: 6 },
  {
    name: 'add to a date',
    expr: { $add: ['$date', 3 * 24 * 3600_000] },
    expected: d('2014-01-04T08:15:39.736Z'),
  },
  { name: 'ceil', expr: { $ceil: 7.8 }, expected: 8 },
  { name: 'ceil negative', expr: { $ceil: -2.8 }, expected: -2 },
  { name: 'divide', expr: { $divide: [9, 2] }, expected: 4.5 },
  { name: 'exp', expr: { $exp: 0 }, expected: 1 },
  { name: 'floor', expr: { $floor: 7.8 }, expected: 7 },
  { name: 'floor negative', expr: { $floor: -2.8 }, expected: -3 },
  { name: 'ln', expr: { $ln: 1 }, expected: 0 },
  { name: 'log', expr: { $log: [100, 10] }, expected: 2 },
  { name: 'log10', expr: { $log10: 1000 }, expected: 3 },
  { name: 'mod', expr: { $mod: [10, 3] }, expected: 1 },
  { name: 'mod keeps the sign of the dividend', expr: { $mod: [-5, 3] }, expected: -2 },
  { name: 'mod of a double', expr: { $mod: [5.5, 2] }, expected: 1.5 },
  { name: 'multiply', expr: { $multiply: [2, 3, 4] }, expected: 24 },
  { name: 'pow', expr: { $pow: [5, 0] }, expected: 1 },
  { name: 'pow negative exponent', expr: { $pow: [2, -1] }, expected: 0.5 },
  { name: 'sqrt', expr: { $sqrt: 25 }, expected: 5 },
  { name: 'sqrt of null', expr: { $sqrt: null }, expected: null },
  { name: 'subtract', expr: { $subtract: [5, 3] }, expected: 2 },
  {
    name: 'subtract dates gives ms',
    expr: { $subtract: ['$date', d('2014-01-01T08:15:38.736Z')] },
    expected: 1000,
  },
  {
    name: 'subtract ms from a date',
    expr: { $subtract: ['$date', 1000] },
    expected: d('2014-01-01T08:15:38.736Z'),
  },
  { name: 'trunc', expr: { $trunc: 7.8 }, expected: 7 },
  { name: 'trunc negative', expr: { $trunc: -2.8 }, expected: -2 },
]

const array: ExpressionCase[] = [
  { name: 'arrayElemAt', expr: { $arrayElemAt: ['$nums', 0] }, expected: 1 },
  { name: 'arrayElemAt from the end', expr: { $arrayElemAt: ['$nums', -1] }, expected: 3 },
  { name: 'arrayElemAt past the end', expr: { $arrayElemAt: ['$nums', 15] }, expected: MISSING },
  {
    name: 'arrayToObject of pairs',
    expr: {
      $arrayToObject: {
        $literal: [
          ['item', 'abc123'],
          ['qty', 25],
        ],
      },
    },
    expected: { item: 'abc123', qty: 25 },
  },
  {
    name: 'arrayToObject of k/v documents',
    expr: {
      $arrayToObject: {
        $literal: [
          { k: 'item', v: 'abc' },
          { k: 'qty', v: 25 },
        ],
      },
    },
    expected: { item: 'abc', qty: 25 },
  },
  {
    name: 'arrayToObject keeps the last of a repeated key',
    expr: {
      $arrayToObject: {
        $literal: [
          ['a', 1],
          ['a', 2],
        ],
      },
    },
    expected: { a: 2 },
  },
  { name: 'concatArrays', expr: { $concatArrays: ['$nums', [4, 5]] }, expected: [1, 2, 3, 4, 5] },
  { name: 'concatArrays with null', expr: { $concatArrays: ['$nums', null] }, expected: null },
  {
    name: 'filter',
    expr: { $filter: { input: '$nums', as: 'x', cond: { $gte: ['$$x', 2] } } },
    expected: [2, 3],
  },
  { name: 'in', expr: { $in: [2, '$nums'] }, expected: true },
  { name: 'in empty', expr: { $in: ['x', []] }, expected: false },
  {
    name: 'indexOfArray of an array element',
    expr: { $indexOfArray: [{ $literal: ['a', 'abc', 'de', ['de']] }, ['de']] },
    expected: 3,
  },
  { name: 'indexOfArray', expr: { $indexOfArray: ['$nums', 2] }, expected: 1 },
  { name: 'indexOfArray from a start', expr: { $indexOfArray: [[1, 2, 3, 2], 2, 2] }, expected: 3 },
  { name: 'indexOfArray not found', expr: { $indexOfArray: ['$nums', 9] }, expected: -1 },
  { name: 'indexOfArray of null', expr: { $indexOfArray: [null, 1] }, expected: null },
  { name: 'isArray', expr: { $isArray: ['$nums'] }, expected: true },
  { name: 'isArray of a string', expr: { $isArray: ['$word'] }, expected: false },
  {
    name: 'map',
    expr: { $map: { input: '$nums', as: 'x', in: { $multiply: ['$$x', 2] } } },
    expected: [2, 4, 6],
  },
  { name: 'range', expr: { $range: [0, 10, 2] }, expected: [0, 2, 4, 6, 8] },
  { name: 'range down', expr: { $range: [10, 0, -2] }, expected: [10, 8, 6, 4, 2] },
  { name: 'range the wrong way', expr: { $range: [0, 10, -1] }, expected: [] },
  { name: 'range default step', expr: { $range: [0, 3] }, expected: [0, 1, 2] },
  {
    name: 'reduce to a string',
    expr: { $reduce: { input: ['a', 'b', 'c'], initialValue: '', in: { $concat: ['$$value', '$$this'] } } },
    expected: 'abc',
  },
  {
    name: 'reduce to a sum',
    expr: { $reduce: { input: '$nums', initialValue: 0, in: { $add: ['$$value', '$$this'] } } },
    expected: 6,
  },
  { name: 'reverseArray', expr: { $reverseArray: '$nums' }, expected: [3, 2, 1] },
  { name: 'reverseArray of null', expr: { $reverseArray: '$nothing' }, expected: null },
  { name: 'size', expr: { $size: '$nums' }, expected: 3 },
  { name: 'slice', expr: { $slice: ['$nums', 2] }, expected: [1, 2] },
  { name: 'slice from the end', expr: { $slice: ['$nums', -2] }, expected: [2, 3] },
  { name: 'slice with a position', expr: { $slice: ['$nums', 1, 1] }, expected: [2] },
  { name: 'slice past the end', expr: { $slice: ['$nums', 15, 2] }, expected: [] },
  { name: 'slice before the start', expr: { $slice: ['$nums', -15, 2] }, expected: [1, 2] },
  { name: 'zip', expr: { $zip: { inputs: [[1, 2], [3]] } }, expected: [[1, 3]] },
  {
    name: 'zip longest',
    expr: { $zip: { inputs: [[1, 2], [3]], useLongestLength: true } },
    expected: [
      [1, 3],
      [2, null],
    ],
  },
  {
    name: 'zip with defaults',
    expr: { $zip: { inputs: [[1, 2], [3]], useLongestLength: true, defaults: [0, 'x'] } },
    expected: [
      [1, 3],
      [2, 'x'],
    ],
  },
]

const boolean: ExpressionCase[] = [
  { name: 'and', expr: { $and: [1, 'x'] }, expected: true },
  { name: 'and with null', expr: { $and: [null, true] }, expected: false },
  { name: 'and of nothing', expr: { $and: [] }, expected: true },
  { name: 'not', expr: { $not: [false] }, expected: true },
  { name: 'not of an array (truthy)', expr: { $not: [[false]] }, expected: false },
  { name: 'not of zero', expr: { $not: [0] }, expected: true },
  { name: 'or of nothing', expr: { $or: [] }, expected: false },
  { name: 'or of falsy values', expr: { $or: [0, null, false] }, expected: false },
]

const comparison: ExpressionCase[] = [
  { name: 'cmp', expr: { $cmp: [2, 1] }, expected: 1 },
  { name: 'cmp less', expr: { $cmp: [1, 2] }, expected: -1 },
  { name: 'cmp across types: strings sort after numbers', expr: { $cmp: ['a', 1] }, expected: 1 },
  { name: 'eq', expr: { $eq: [1, 1] }, expected: true },
  { name: 'eq of number and string', expr: { $eq: [1, '1'] }, expected: false },
  { name: 'gt', expr: { $gt: ['b', 'a'] }, expected: true },
  { name: 'gte', expr: { $gte: [2, 2] }, expected: true },
  { name: 'lt: null sorts before numbers', expr: { $lt: [null, 0] }, expected: true },
  { name: 'lte', expr: { $lte: [3, 2] }, expected: false },
  { name: 'ne', expr: { $ne: ['a', 'b'] }, expected: true },
  // Each of the six over a pair less, equal and greater, within a type and across types (null < numbers < strings).
  ...Object.entries({ $eq: [0], $ne: [-1, 1], $gt: [1], $gte: [0, 1], $lt: [-1], $lte: [-1, 0] }).flatMap(
    ([op, trueWhen]) =>
      (
        [
          [1, 2, -1],
          [2, 2, 0],
          [2, 1, 1],
          [null, 0, -1],
          ['a', 1, 1],
          ['b', 'b', 0],
        ] as const
      ).map(([a, b, order]) => ({
        name: `${op} ${JSON.stringify(a)} ${JSON.stringify(b)}`,
        expr: { [op]: [a, b] },
        expected: trueWhen.includes(order),
      })),
  ),
]

const conditional: ExpressionCase[] = [
  { name: 'cond', expr: { $cond: { if: true, then: 'a', else: 'b' } }, expected: 'a' },
  { name: 'cond as an array', expr: { $cond: [false, 'a', 'b'] }, expected: 'b' },
  { name: 'ifNull of null', expr: { $ifNull: [null, 'x'] }, expected: 'x' },
  { name: 'ifNull of a missing field', expr: { $ifNull: ['$missing', 'x'] }, expected: 'x' },
  { name: 'ifNull keeps zero', expr: { $ifNull: [0, 'x'] }, expected: 0 },
  {
    name: 'switch',
    expr: {
      $switch: {
        branches: [
          { case: false, then: 1 },
          { case: true, then: 2 },
        ],
        default: 3,
      },
    },
    expected: 2,
  },
  {
    name: 'switch default',
    expr: { $switch: { branches: [{ case: false, then: 1 }], default: 3 } },
    expected: 3,
  },
]

const date: ExpressionCase[] = [
  { name: 'year', expr: { $year: '$date' }, expected: 2014 },
  { name: 'month', expr: { $month: '$date' }, expected: 1 },
  { name: 'dayOfMonth', expr: { $dayOfMonth: '$date' }, expected: 1 },
  { name: 'hour', expr: { $hour: '$date' }, expected: 8 },
  { name: 'minute', expr: { $minute: '$date' }, expected: 15 },
  { name: 'second', expr: { $second: '$date' }, expected: 39 },
  { name: 'millisecond', expr: { $millisecond: '$date' }, expected: 736 },
  { name: 'dayOfYear', expr: { $dayOfYear: '$date' }, expected: 1 },
  { name: 'dayOfWeek (Sunday is 1)', expr: { $dayOfWeek: '$date' }, expected: 4 },
  { name: 'week before the first Sunday is 0', expr: { $week: '$date' }, expected: 0 },
  { name: 'week: the first Sunday starts week 1', expr: { $week: d('2014-01-05T00:00:00Z') }, expected: 1 },
  {
    name: 'week: the Saturday after is still week 1',
    expr: { $week: d('2014-01-11T23:59:59Z') },
    expected: 1,
  },
  { name: 'week at the end of the year', expr: { $week: d('2014-12-31T12:00:00Z') }, expected: 52 },
  { name: 'week of a year starting on Sunday', expr: { $week: d('2017-01-01T00:00:00Z') }, expected: 1 },
  {
    name: 'week in Shanghai time: Saturday 23:00 UTC is Sunday there',
    expr: { $week: { date: d('2014-01-04T23:00:00Z'), timezone: 'Asia/Shanghai' } },
    expected: 1,
  },
  { name: 'isoWeek', expr: { $isoWeek: d('2016-01-01T00:00:00Z') }, expected: 53 },
  { name: 'isoWeekYear', expr: { $isoWeekYear: d('2016-01-01T00:00:00Z') }, expected: 2015 },
  { name: 'isoDayOfWeek (Friday)', expr: { $isoDayOfWeek: d('2016-01-01T00:00:00Z') }, expected: 5 },
  { name: 'isoDayOfWeek (Sunday is 7)', expr: { $isoDayOfWeek: d('2017-01-01T00:00:00Z') }, expected: 7 },
  {
    name: 'hour in a time zone',
    expr: { $hour: { date: d('2014-01-01T20:00:00Z'), timezone: 'Asia/Shanghai' } },
    expected: 4,
  },
  {
    name: 'dayOfMonth in a time zone',
    expr: { $dayOfMonth: { date: d('2014-01-01T20:00:00Z'), timezone: '+08:00' } },
    expected: 2,
  },
  {
    name: 'dateToString',
    expr: { $dateToString: { format: '%Y-%m-%d', date: '$date' } },
    expected: '2014-01-01',
  },
  {
    name: 'dateToString time with a zone',
    expr: { $dateToString: { format: '%H:%M:%S:%L%z', date: '$date', timezone: 'America/New_York' } },
    expected: '03:15:39:736-0500',
  },
  {
    name: 'dateToString offset in minutes',
    expr: { $dateToString: { format: '%Z', date: '$date', timezone: 'America/New_York' } },
    expected: '-300',
  },
  {
    name: 'dateToString day of year, week, weekday',
    expr: { $dateToString: { format: '%j %U %w %u %V %G', date: '$date' } },
    expected: '001 00 4 3 01 2014',
  },
  {
    name: 'dateToString in Shanghai',
    expr: {
      $dateToString: { format: '%Y-%m-%d %H:%M', date: d('2020-02-09T16:30:00Z'), timezone: 'Asia/Shanghai' },
    },
    expected: '2020-02-10 00:30',
  },
  {
    name: 'dateFromString in a time zone',
    expr: { $dateFromString: { dateString: '2017-02-08T12:10:40.787', timezone: 'America/New_York' } },
    expected: d('2017-02-08T17:10:40.787Z'),
  },
  {
    name: 'dateFromString of a day',
    expr: { $dateFromString: { dateString: '2017-02-08' } },
    expected: d('2017-02-08T00:00:00Z'),
  },
  {
    name: 'dateFromString with a format',
    expr: { $dateFromString: { dateString: '15-06-2018', format: '%d-%m-%Y' } },
    expected: d('2018-06-15T00:00:00Z'),
  },
  {
    name: 'dateFromString onNull',
    expr: { $dateFromString: { dateString: null, onNull: d('1970-01-01T00:00:00Z') } },
    expected: d('1970-01-01T00:00:00Z'),
  },
  {
    name: 'dateFromString onError',
    expr: { $dateFromString: { dateString: 'not a date', onError: 'bad' } },
    expected: 'bad',
  },
  {
    name: 'dateFromParts',
    expr: { $dateFromParts: { year: 2017, month: 2, day: 8, hour: 12 } },
    expected: d('2017-02-08T12:00:00Z'),
  },
  {
    name: 'dateFromParts carries over a month past 12',
    expr: { $dateFromParts: { year: 2017, month: 14, day: 1 } },
    expected: d('2018-02-01T00:00:00Z'),
  },
  {
    name: 'dateFromParts from an ISO week',
    expr: { $dateFromParts: { isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3 } },
    expected: d('2017-02-08T00:00:00Z'),
  },
  {
    name: 'dateFromParts in a time zone',
    expr: { $dateFromParts: { year: 2017, month: 2, day: 8, hour: 12, timezone: 'America/New_York' } },
    expected: d('2017-02-08T17:00:00Z'),
  },
]

const string: ExpressionCase[] = [
  { name: 'concat', expr: { $concat: ['a', 'b', 'c'] }, expected: 'abc' },
  { name: 'concat with null', expr: { $concat: ['a', null] }, expected: null },
  { name: 'concat with a missing field', expr: { $concat: ['a', '$missing'] }, expected: null },
  { name: 'indexOfBytes', expr: { $indexOfBytes: ['cafeteria', 'e'] }, expected: 3 },
  { name: 'indexOfBytes counts bytes', expr: { $indexOfBytes: ['$word', 't'] }, expected: 5 },
  { name: 'indexOfBytes of a multi-byte char', expr: { $indexOfBytes: ['$word', 'é'] }, expected: 3 },
  { name: 'indexOfBytes with a start', expr: { $indexOfBytes: ['foo.bar.fi', '.', 5] }, expected: 7 },
  { name: 'indexOfBytes within a range', expr: { $indexOfBytes: ['vanilla', 'll', 0, 2] }, expected: -1 },
  { name: 'indexOfBytes of null', expr: { $indexOfBytes: [null, 'a'] }, expected: null },
  { name: 'indexOfCP counts code points', expr: { $indexOfCP: ['$word', 't'] }, expected: 4 },
  { name: 'indexOfCP', expr: { $indexOfCP: ['寿司sushi', 's'] }, expected: 2 },
  { name: 'indexOfCP with a start', expr: { $indexOfCP: ['foo.bar.fi', '.', 5] }, expected: 7 },
  { name: 'indexOfCP within a range', expr: { $indexOfCP: ['vanilla', 'll', 0, 2] }, expected: -1 },
  { name: 'indexOfCP after an astral char', expr: { $indexOfCP: ['🍕x', 'x'] }, expected: 1 },
  { name: 'indexOfCP not found', expr: { $indexOfCP: ['abc', 'z'] }, expected: -1 },
  { name: 'indexOfCP of null', expr: { $indexOfCP: [null, 'a'] }, expected: null },
  { name: 'split', expr: { $split: ['June-15-2013', '-'] }, expected: ['June', '15', '2013'] },
  { name: 'split keeps empty parts', expr: { $split: ['a,b,,c', ','] }, expected: ['a', 'b', '', 'c'] },
  { name: 'split of null', expr: { $split: [null, '-'] }, expected: null },
  { name: 'strLenBytes', expr: { $strLenBytes: 'abc' }, expected: 3 },
  { name: 'strLenBytes of Chinese', expr: { $strLenBytes: '寿司' }, expected: 6 },
  { name: 'strLenBytes of an emoji', expr: { $strLenBytes: '🍕' }, expected: 4 },
  { name: 'strLenCP', expr: { $strLenCP: '$word' }, expected: 9 },
  { name: 'strLenCP of an emoji', expr: { $strLenCP: '🍕' }, expected: 1 },
  { name: 'strcasecmp equal', expr: { $strcasecmp: ['ABC', 'abc'] }, expected: 0 },
  { name: 'strcasecmp less', expr: { $strcasecmp: ['a', 'B'] }, expected: -1 },
  { name: 'strcasecmp greater', expr: { $strcasecmp: ['b', 'A'] }, expected: 1 },
  { name: 'substr', expr: { $substr: ['abcde', 1, 2] }, expected: 'bc' },
  { name: 'substr with a negative length', expr: { $substr: ['abcde', 3, -1] }, expected: 'de' },
  { name: 'substrBytes', expr: { $substrBytes: ['abcde', 1, 2] }, expected: 'bc' },
  { name: 'substrBytes with -1: to the end', expr: { $substrBytes: ['abcde', 1, -1] }, expected: 'bcde' },
  { name: 'substrBytes of Chinese', expr: { $substrBytes: ['寿司sushi', 0, 3] }, expected: '寿' },
  { name: 'substrBytes past the end', expr: { $substrBytes: ['abc', 5, 2] }, expected: '' },
  { name: 'substrCP', expr: { $substrCP: ['寿司sushi', 0, 2] }, expected: '寿司' },
  { name: 'substrCP of an emoji', expr: { $substrCP: ['🍕🍔x', 1, 2] }, expected: '🍔x' },
  { name: 'substrCP of ascii', expr: { $substrCP: ['abcde', 1, 2] }, expected: 'bc' },
  { name: 'toLower', expr: { $toLower: 'ABC' }, expected: 'abc' },
  { name: 'toLower of null', expr: { $toLower: null }, expected: '' },
  { name: 'toUpper', expr: { $toUpper: 'abc' }, expected: 'ABC' },
  { name: 'toUpper of null', expr: { $toUpper: '$nothing' }, expected: '' },
]

const objectsAndSets: ExpressionCase[] = [
  { name: 'literal', expr: { $literal: '$x' }, expected: '$x' },
  { name: 'literal of an operator', expr: { $literal: { $add: [1] } }, expected: { $add: [1] } },
  { name: 'mergeObjects', expr: { $mergeObjects: [{ a: 1 }, { b: 2 }, null] }, expected: { a: 1, b: 2 } },
  { name: 'mergeObjects: the last wins', expr: { $mergeObjects: [{ a: 1 }, { a: 2 }] }, expected: { a: 2 } },
  {
    name: 'objectToArray',
    expr: { $objectToArray: { $literal: { a: 1, b: { c: 2 } } } },
    expected: [
      { k: 'a', v: 1 },
      { k: 'b', v: { c: 2 } },
    ],
  },
  { name: 'allElementsTrue', expr: { $allElementsTrue: [[true, 1, 'x']] }, expected: true },
  { name: 'allElementsTrue with a zero', expr: { $allElementsTrue: [[true, 0]] }, expected: false },
  { name: 'allElementsTrue of nothing', expr: { $allElementsTrue: [[]] }, expected: true },
  { name: 'allElementsTrue of a nested array', expr: { $allElementsTrue: [[[false]]] }, expected: true },
  { name: 'anyElementTrue of nothing', expr: { $anyElementTrue: [[]] }, expected: false },
  { name: 'anyElementTrue of falsy values', expr: { $anyElementTrue: [[0, null, false]] }, expected: false },
  { name: 'anyElementTrue', expr: { $anyElementTrue: [[0, 'x']] }, expected: true },
  {
    name: 'setDifference',
    expr: { $setDifference: [['a', 'b', 'c'], ['b']] },
    expected: ['a', 'c'],
    unordered: true,
  },
  {
    name: 'setEquals',
    expr: {
      $setEquals: [
        ['a', 'b', 'a'],
        ['b', 'a'],
      ],
    },
    expected: true,
  },
  {
    name: 'setIntersection',
    expr: {
      $setIntersection: [
        ['a', 'b'],
        ['b', 'c'],
      ],
    },
    expected: ['b'],
  },
  { name: 'setIsSubset', expr: { $setIsSubset: [['a'], ['a', 'b']] }, expected: true },
  {
    name: 'setUnion',
    expr: {
      $setUnion: [
        ['a', 'b'],
        ['b', 'c'],
      ],
    },
    expected: ['a', 'b', 'c'],
    unordered: true,
  },
]

const accumulatorsAndVariables: ExpressionCase[] = [
  { name: 'sum of an array field', expr: { $sum: '$nums' }, expected: 6 },
  { name: 'sum of arguments', expr: { $sum: [1, 2] }, expected: 3 },
  { name: 'sum ignores non-numbers', expr: { $sum: [1, 'x', null] }, expected: 1 },
  { name: 'avg', expr: { $avg: '$nums' }, expected: 2 },
  { name: 'avg of no numbers', expr: { $avg: ['x'] }, expected: null },
  { name: 'max', expr: { $max: '$nums' }, expected: 3 },
  { name: 'min', expr: { $min: '$nums' }, expected: 1 },
  { name: 'stdDevPop', expr: { $stdDevPop: '$nums' }, expected: 0.816496580927726 },
  { name: 'stdDevSamp', expr: { $stdDevSamp: '$nums' }, expected: 1 },
  { name: 'let', expr: { $let: { vars: { x: 2 }, in: { $multiply: ['$$x', 3] } } }, expected: 6 },
]

export const EXPRESSION_CASES: Record<string, ExpressionCase[]> = {
  arithmetic,
  array,
  boolean,
  comparison,
  conditional,
  date,
  string,
  objectsAndSets,
  accumulatorsAndVariables,
}
