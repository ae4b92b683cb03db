// A day's lockbox file for the browser tests and the screenshots, made as an operator would try
// the lockbox: `servicer lockbox sample` prints eight checks whose coupons name demo loans, then
// a few checks are edited as a real day's mail has them (a payer who sent no coupon, one who
// pays two loans with one check, one who copied the account number with a digit wrong) and
// the payers get the demo borrowers' names. Not a test: console_remittances.mjs and shots.mjs
// use it.
//
// The file is the BAI lockbox layout (fixed columns, docs/formats.md "Lockbox"): a check is a
// record 6 with the payer's name in columns 53-82; its memo or coupon line is an overflow
// record 4 whose text is columns 12-41. `sample --account` gives every check one overflow
// record, so editing changes no count or total and the file still adds up.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The demo's loans (app::demo): Maria's current and past-due ones, Aisha's, James's paid off. */
export const LOANS = {
  maria: '5218400000001015',
  mariaPastDue: '5218400000001023',
  aisha: '5218400000003011',
  jamesPaidOff: '5218400000002013',
};

/** `account` with the digit at `at` changed: it fails its Luhn check digit, as any one wrong digit does. */
export function mistype(account, at = 12) {
  const d = (Number(account[at]) + 1) % 10;
  return account.slice(0, at) + d + account.slice(at + 1);
}

/** `account` as a statement prints it: `5218 4000 0000 1015`. */
export const grouped = (account) => account.replace(/(\d{4})(?=\d)/g, '$1 ');

/**
 * The eight checks, in the file's order, and what becomes of each on import: `coupon` is the
 * loan the sample's coupon names, `memo` (when given) the text that replaces the coupon line.
 */
export const CHECKS = [
  { coupon: LOANS.maria, payer: 'MARIA LOPEZ', posts: true },
  { coupon: LOANS.mariaPastDue, payer: 'MARIA LOPEZ', posts: true },
  { coupon: LOANS.aisha, payer: 'AISHA KHAN', posts: true },
  // The coupon of a loan paid off: the queue, to be returned.
  { coupon: LOANS.jamesPaidOff, payer: 'JAMES CARTER', posts: false },
  // No coupon, no account number: the queue, to be applied to Maria's loan by hand.
  { coupon: LOANS.maria, payer: 'MARIA LOPEZ', memo: 'MAY PAYMENT', posts: false },
  // No account number, meant for two loans: the queue, to be split.
  { coupon: LOANS.maria, payer: 'MARIA LOPEZ', memo: 'FOR BOTH LOANS', posts: false },
  // The account number copied with one digit wrong: the queue (never guessed), left open.
  { coupon: LOANS.aisha, payer: 'AISHA KHAN', mistyped: true, posts: false },
  { coupon: LOANS.mariaPastDue, payer: 'MARIA LOPEZ', posts: true },
];

/** Runs `servicer args…` in `dir` with `env` (the server's) and returns what it printed. */
export function servicer(bin, dir, env, args) {
  const r = spawnSync(bin, args, { cwd: dir, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`servicer ${args.join(' ')} exited with ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** `$1,277.00` for 127700 cents, as the console writes amounts. */
export function usd(cents) {
  const dollars = Math.trunc(cents / 100).toLocaleString('en-US');
  return `$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * Writes the day's file for deposit date `date` (YYYY-MM-DD) into `dir` and returns its path
 * and the checks as written: `{ n, item, checkNumber, cents, payer, memo, posts }`.
 */
export function writeLockboxDay(bin, dir, env, date) {
  const args = ['lockbox', 'sample', '--checks', String(CHECKS.length), '--date', date];
  for (const c of CHECKS) args.push('--account', c.coupon);
  const lines = servicer(bin, dir, env, args).split('\n');
  const written = [];
  let check = null;
  const edited = lines.map((line) => {
    if (line.startsWith('6')) {
      // A check: batch (2-4), item (5-7), amount in cents (8-17), check number (37-46), payer (53-82).
      const n = Number(line.slice(4, 7));
      const spec = CHECKS[n - 1];
      if (!spec || line.length < 82) throw new Error(`the sample's check record is not as expected: ${line}`);
      check = { n, item: line.slice(4, 7), checkNumber: line.slice(36, 46), cents: Number(line.slice(7, 17)), payer: spec.payer, posts: spec.posts, memo: '' };
      written.push(check);
      return line.slice(0, 52) + spec.payer.padEnd(30) + line.slice(82);
    }
    if (line.startsWith('4')) {
      // The check's one overflow record: its text from column 12.
      if (!check || line.slice(1, 11) !== `001${check.item}6019`) throw new Error(`the sample's overflow record is not as expected: ${line}`);
      const spec = CHECKS[check.n - 1];
      let memo = line.slice(11);
      if (!memo.startsWith(spec.coupon)) throw new Error(`the sample's coupon does not name ${spec.coupon}: ${line}`);
      if (spec.memo) memo = spec.memo;
      if (spec.mistyped) memo = memo.replace(spec.coupon, mistype(spec.coupon));
      check.memo = memo.trim();
      return line.slice(0, 11) + memo;
    }
    return line;
  });
  if (written.length !== CHECKS.length) throw new Error(`the sample has ${written.length} checks, not ${CHECKS.length}`);
  const file = join(dir, `lockbox-${date}.bai`);
  writeFileSync(file, edited.join('\n'));
  return { file, checks: written };
}
