// cardcage-mgmt: management requests to a board — simulated, on a serial port or over TCP —
// with the replies printed readably or as JSON lines (host-sim/mgmt-client.ts does the work).
import { main } from './mgmt-client';

// Ctrl-C once: a running periodic monitor is stopped on the board, no further request runs;
// twice: out at once
const interrupt = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  if (interrupts++) process.exit(130);
  interrupt.abort();
});

const code = await main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), signal: interrupt.signal });
process.exitCode = code;
// a read pending on a device that is not a tty (fs streams) would keep the process alive
setTimeout(() => process.exit(code), 200).unref();
