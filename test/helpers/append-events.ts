// A separate process for race tests: opens the database named on the command line and appends
// events to one tender's audit chain as fast as it can, each in its own transaction, then prints
// how many it appended and the errors it met, as JSON on one line.
//   node --import tsx test/helpers/append-events.ts <database-url> <tender> <count>
import { connectDatabase } from '../../src/data/database';
import { recordEvent } from '../../src/services/audit';

const [url, tender, count] = process.argv.slice(2);
const db = connectDatabase(url!);
let appended = 0;
const errors: string[] = [];
// Say it is ready, then wait for the go on standard input, so both processes start together.
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let i = 0; i < Number(count); i += 1) {
  try {
    await db.transaction().execute((trx) => recordEvent(trx, { actor: `process:${process.pid}`, action: 'test.appended', tender: tender!, detail: { i } }, new Date()));
    appended += 1;
  } catch (error) {
    errors.push((error as Error).message);
  }
}
await db.destroy();
console.log(JSON.stringify({ appended, errors }));
