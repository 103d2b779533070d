// The few parts of lunar-javascript (6tail, MIT) the holiday rules use; the package ships no types.
declare module 'lunar-javascript' {
  export interface Solar {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
  }
  export const Lunar: {
    fromYmd(year: number, month: number, day: number): { getSolar(): Solar };
  };
}
