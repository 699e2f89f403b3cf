// The rsu-timer entry point: `npm run cli -- <args>` or the installed `rsu-timer` bin.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2), process.env);
