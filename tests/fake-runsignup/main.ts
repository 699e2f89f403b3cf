// `npm run fake-server -- --port 8787 --seed tests/fake-runsignup/seed.json`
// Runs the fake RunSignup server by itself for the demo and manual testing; Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { loadSeed } from './seed';
import { startFakeRunSignup } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'require-caller-registration': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0 to 65535, not '${values.port}'.`);
  process.exit(2);
}
const seed = loadSeed(values.seed);
const server = await startFakeRunSignup({ seed, port, host: values.host, requireCallerRegistration: values['require-caller-registration'] });
const c = seed.credentials;

// These are the seed's demo credentials, printed on purpose so a person can try the app against the fake.
console.log(`Fake RunSignup listening on ${server.url}`);
console.log(`Races: ${seed.races.map((r) => `${r.race_id} ${r.name}`).join('; ')}`);
console.log('Demo credentials:');
for (const k of c.api_keys) console.log(`  API key          api_key=${k.api_key} api_secret=${k.api_secret} (user ${k.user_id})`);
for (const u of seed.users) console.log(`  login (tmp key)  email=${u.email} password=${u.password}`);
for (const k of c.v2_keys) console.log(`  API v2 key       rsu_api_key=${k.rsu_api_key} X-RSU-API-SECRET=${k.secret}`);
for (const k of c.super_partner_keys) console.log(`  super partner    sp_api_key=${k.sp_api_key} X-RSU-API-SECRET=${k.secret}`);
for (const o of c.oauth_clients) console.log(`  OAuth client     client_id=${o.client_id} client_secret=${o.client_secret} redirect=${o.redirect_uris.join(', ')} (any port on loopback)`);
for (const r of c.caller_registrations) console.log(`  caller reg       rsu_api_reg=${r.rsu_api_reg} X-RSU-API-REG-SECRET=${r.secret}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the fake RunSignup server.`);
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
