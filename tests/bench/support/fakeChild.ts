// The fake RunSignup in a process of its own, for a bench that measures the main process: in
// the app RunSignup is another machine, and the fake's own heap (200,000 synthetic
// participants, the results it holds) would otherwise lengthen every garbage collection
// the bench measures. Started by startFakeInChild; options come as JSON in argv.
import { startFakeRunSignup, type FakeRunSignupOptions } from '../../fake-runsignup';

const options = JSON.parse(process.argv[2] ?? '{}') as FakeRunSignupOptions;
const server = await startFakeRunSignup(options);
process.send?.({ url: server.url });
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
