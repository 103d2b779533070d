import bcrypt from 'bcryptjs';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** bcrypt cost: ≈ 60–80 ms per hash on a 2-core machine, slow enough for stolen hashes, fast enough for login. */
const COST = 10;

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (≈ 10^8 guesses) — common passwords and their variants score 0–2. */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordRule = 'minLength' | 'notUsername' | 'notCommon';

let checker: ZxcvbnFactory | undefined;

/**
 * The rules a new password breaks, each with its message (empty when it is acceptable): at least
 * MIN_PASSWORD_LENGTH characters, not the username (in any case, nor with it as the bulk of the password), and not
 * a common or guessable password by zxcvbn's dictionaries of leaked passwords, keyboard walks, repeats and sequences.
 */
export function passwordProblems(password: string, username?: string): { rule: PasswordRule; message: string }[] {
  const problems: { rule: PasswordRule; message: string }[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH)
    problems.push({ rule: 'minLength', message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` });
  const name = username?.trim().toLowerCase();
  if (name && password.trim().toLowerCase() === name) problems.push({ rule: 'notUsername', message: 'password must not be the username' });
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  if (checker.check(password, name ? [name] : []).score < MIN_PASSWORD_SCORE) {
    problems.push({
      rule: 'notCommon',
      message:
        'password is too common or too easy to guess (a dictionary word, a sequence, a repeat, or the username with a few more characters)',
    });
  }
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** Spends a verification's time when the username is unknown, so a login takes as long whether or not it exists. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash('no such user', COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
