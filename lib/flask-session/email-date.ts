/**
 * Werkzeug 2.2's `parse_date` as Flask's " d" tag reads a date: a port of CPython 3.11's
 * `email.utils.parsedate_to_datetime` (Lib/email/_parseaddr.py `_parsedate_tz`), with its
 * leniencies (day and month in either order, two-digit years, a handful of US zone names), then
 * Werkzeug's rule that a date without a zone is UTC. Ported by hand: no library parses dates with
 * Python's quirks, and a hand-edited cookie shows every one of them.
 */
import { pyInt, PY_WS_RE } from "./py-builtins";
import type { PyValue } from "./py-value";

const MONTH_NAMES = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  AST: -400,
  ADT: -300,
  EST: -500,
  EDT: -400,
  CST: -600,
  CDT: -500,
  MST: -700,
  MDT: -600,
  PST: -800,
  PDT: -700,
};

/** Python 3.11 `str.isdigit()` of a first character: decimal digits plus the 128 other "digit" characters. */
const PY_ISDIGIT_START =
  /^[\p{Nd}\u{b2}-\u{b3}\u{b9}\u{1369}-\u{1371}\u{19da}\u{2070}\u{2074}-\u{2079}\u{2080}-\u{2089}\u{2460}-\u{2468}\u{2474}-\u{247c}\u{2488}-\u{2490}\u{24ea}\u{24f5}-\u{24fd}\u{24ff}\u{2776}-\u{277e}\u{2780}-\u{2788}\u{278a}-\u{2792}\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]/u;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * `email.utils.parsedate_to_datetime` (CPython 3.11 Lib/email/_parseaddr.py `_parsedate_tz`), then
 * Werkzeug's rule that a date without a zone is UTC. Null where parse_date returns None.
 */
export function parseHttpDate(input: string): PyValue | null {
  let data = input.split(PY_WS_RE).filter((s) => s !== "");
  if (data.length === 0) return null;
  if (data[0].endsWith(",") || DAY_NAMES.includes(data[0].toLowerCase())) {
    data.shift();
  } else {
    const i = data[0].lastIndexOf(",");
    if (i >= 0) data[0] = data[0].slice(i + 1);
  }
  if (data.length === 3) {
    const stuff = data[0].split("-");
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const s = data[3];
    let i = s.indexOf("+");
    if (i === -1) i = s.indexOf("-");
    if (i > 0) data.splice(3, 1, s.slice(0, i), s.slice(i));
    else data.push("");
  }
  if (data.length < 5) return null;
  let [dd, mm, yy, tm, tz] = data.slice(0, 5);
  if (!(dd && mm && yy)) return null;
  mm = mm.toLowerCase();
  if (!MONTH_NAMES.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTH_NAMES.includes(mm)) return null;
  }
  let month = MONTH_NAMES.indexOf(mm) + 1;
  if (month > 12) month -= 12;
  if (dd.endsWith(",")) dd = dd.slice(0, -1);
  if (yy.indexOf(":") > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(",")) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!PY_ISDIGIT_START.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(",")) tm = tm.slice(0, -1);
  let parts = tm.split(":");
  let thh: string, tmm: string, tss: string;
  if (parts.length === 2) [thh, tmm, tss] = [parts[0], parts[1], "0"];
  else if (parts.length === 3) [thh, tmm, tss] = parts as [string, string, string];
  else if (parts.length === 1 && parts[0].includes(".")) {
    parts = parts[0].split(".");
    if (parts.length === 2) [thh, tmm, tss] = [parts[0], parts[1], "0"];
    else if (parts.length === 3) [thh, tmm, tss] = parts as [string, string, string];
    else return null;
  } else return null;
  const nums = [yy, dd, thh, tmm, tss].map(pyInt);
  if (nums.some((n) => n === null)) return null;
  let [year] = nums as number[];
  const [, day, hour, minute, second] = nums as number[];
  if (year < 100) year += year > 68 ? 1900 : 2000;
  let offset: number | null = null;
  const zone = tz.toUpperCase();
  if (zone in ZONES) offset = ZONES[zone];
  else {
    offset = pyInt(zone);
    if (offset === 0 && zone.startsWith("-")) offset = null;
  }
  if (offset) {
    const sign = offset < 0 ? -1 : 1;
    const abs = Math.abs(offset);
    offset = sign * (Math.floor(abs / 100) * 3600 + (abs % 100) * 60);
  }
  // datetime(...) and timezone(timedelta(...)) raise ValueError on out-of-range fields: parse_date returns None.
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const utcOffset = offset ?? 0;
  if (Math.abs(utcOffset) >= 86400) return null;
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return { type: "datetime", epochMs: wall.getTime() - utcOffset * 1000, tzAware: true, utcOffset };
}
