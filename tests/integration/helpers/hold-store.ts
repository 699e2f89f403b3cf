// Opens the store at argv[2], says "open" and keeps it open until stdin closes or it is killed:
// another process with the timer's data folder open, as the app would be.
import { openStore } from '../../../electron/core/store';

const store = openStore(process.argv[2]!);
process.stdout.write('open\n');
process.stdin.resume();
process.stdin.on('end', () => {
  store.close();
  process.exit(0);
});
