import bcrypt from 'bcryptjs';

/** bcrypt cost: ≈ 60–80 ms per hash on a 2-core machine, slow enough for stolen hashes, fast enough for login. */
const COST = 10;

export const MIN_PASSWORD_LENGTH = 8;

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
