import { useCallback, useState } from 'react';
import { parseDecimal } from '../../format';

export interface Action {
  busy: boolean;
  /** The API's refusal of the last attempt (shown with ErrorBanner). */
  error: unknown;
  /** What went well last, for a success line. */
  done: string | undefined;
  setError: (error: unknown) => void;
  setDone: (message: string | undefined) => void;
  /** Runs a request once at a time: clears the last outcome, keeps the refusal, returns the answer (undefined if refused). */
  run: <T>(request: () => Promise<T>, success?: (answer: T) => string | undefined) => Promise<T | undefined>;
}

/** The state of a form's request: busy while it runs (the button is disabled, so a double tap sends once), then its outcome. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const run = useCallback(async <T>(request: () => Promise<T>, success?: (answer: T) => string | undefined) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const answer = await request();
      setDone(success?.(answer));
      return answer;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, setError, setDone, run };
}

/** A score as typed ("27,5" or "27.5"): undefined when empty or not a number. */
export function parseScore(raw: string): number | undefined {
  const value = parseDecimal(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Sum of part scores, rounded to 2 decimals as the rules round. */
export const roundScore = (value: number): number => Math.round(value * 100) / 100;
