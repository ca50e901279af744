// Espruino's pin functions that hot-plug and the host name themselves, for the slots' pins: code
// that runs only in the bundle (on Espruino or the simulator's), never driven in tests with
// simulator objects, where HAL members for them would cost bytes and RAM (firmware/hal/index.ts).
declare function pinMode(pin: string, mode: string): void;
declare function digitalRead(pin: string): number;
/** the watch's id (1 or more), undefined where Espruino could not set one */
declare function setWatch(
  fn: (e: { state: boolean; time: number; lastTime: number; pin: unknown }) => void,
  pin: string,
  opts: { repeat: boolean; edge: string | number; debounce: number },
): number | undefined;
