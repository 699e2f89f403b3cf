import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../electron/cli/args';

const parse = (line: string[]) => parseCommandLine(line);
const usageError = (line: string[], message: RegExp) => {
  expect(() => parse(line)).toThrow(UsageError);
  expect(() => parse(line)).toThrow(message);
};

describe('rsu-timer command line', () => {
  it('reads the global options wherever they stand', () => {
    expect(parse(['--data-dir', '/tmp/d', 'status', '--json', '--profile', 'Main'])).toEqual({
      global: { dataDir: '/tmp/d', profile: 'Main', json: true },
      command: { name: 'status' },
    });
  });

  it('imports a file with explicit column mappings by API field name', () => {
    const { command } = parse(['results', 'import', 'finish.csv', '--race', '12', '--event', '34', '--map', 'clock_time=Finish Time', '--map', 'bib_num=Bib #']);
    expect(command).toEqual({ name: 'results import', file: 'finish.csv', raceId: 12, eventId: 34, map: { clock_time: 'Finish Time', bib_num: 'Bib #' } });
  });

  it('sets a result by bib, keeping tally changes apart from clearing', () => {
    expect(parse(['results', 'set', '--race', '1', '--event', '2', '--bib', '0', '--clock-time', '0:17:00.1', '--tally', '1.75']).command).toEqual({
      name: 'results set',
      raceId: 1,
      eventId: 2,
      bibNum: 0,
      clockTime: '0:17:00.1',
      tally: { kind: 'value', value: 1.75 },
    });
    expect(parse(['results', 'set', '--race', '1', '--event', '2', '--registration-id', '9', '--clear-tally']).command).toMatchObject({
      registrationId: 9,
      tally: { kind: 'cleared' },
    });
  });

  it('sets an in-person row by its row id, correcting a misread bib', () => {
    expect(parse(['results', 'set', '--race', '1', '--event', '2', '--row', '17', '--bib-to', '1005', '--chip-time', '0:39:58.5', '--place', '3']).command).toEqual({
      name: 'results set',
      raceId: 1,
      eventId: 2,
      rowId: 17,
      bibTo: 1005,
      chipTime: '0:39:58.5',
      place: 3,
    });
    expect(parse(['results', 'delete', '--race', '1', '--event', '2', '--row', '17']).command).toEqual({ name: 'results delete', raceId: 1, eventId: 2, rowId: 17 });
  });

  it('sets splits with --split ID=T, repeated, and maps a split column with --map split-ID=COLUMN', () => {
    expect(parse(['results', 'set', '--race', '1', '--event', '2', '--bib', '5', '--split', '70001=0:20:01.5', '--split', '70002=X', '--split', '70003=']).command).toMatchObject({
      splits: { '70001': '0:20:01.5', '70002': 'X', '70003': '' },
    });
    usageError(['results', 'set', '--race', '1', '--event', '2', '--bib', '5', '--split', '5K=0:20:01'], /--split takes ID=TIME with the split's id/);
    expect(parse(['results', 'import', 'f.csv', '--race', '1', '--event', '2', '--map', 'split-70001=5K']).command).toMatchObject({ map: { 'split-70001': '5K' } });
    usageError(['results', 'import', 'f.csv', '--race', '1', '--event', '2', '--map', 'split-five=5K'], /or split-ID for a split of the result set/);
  });

  it('takes the result set commands', () => {
    const place = ['--race', '1', '--event', '2'];
    expect(parse(['results', 'sets', ...place]).command).toEqual({ name: 'results sets', raceId: 1, eventId: 2 });
    expect(parse(['results', 'compare', ...place]).command).toEqual({ name: 'results compare', raceId: 1, eventId: 2 });
    expect(parse(['results', 'target', ...place, '--result-set', '60022']).command).toEqual({
      name: 'results target', raceId: 1, eventId: 2, target: { kind: 'existing', resultSetId: 60022 },
    });
    expect(parse(['results', 'target', ...place, '--new-result-set', ' Final ', '--preliminary']).command).toEqual({
      name: 'results target', raceId: 1, eventId: 2, target: { kind: 'new', name: 'Final', preliminary: true, notificationsOff: false },
    });
  });

  it('takes sync with or without a race and event', () => {
    expect(parse(['sync']).command).toEqual({ name: 'sync' });
    expect(parse(['sync', '--race', '5']).command).toEqual({ name: 'sync', raceId: 5 });
    expect(parse(['sync', '--batch-size', '50']).command).toEqual({ name: 'sync', batchSize: 50 });
  });

  it('takes the five series ids', () => {
    const args = ['--series', '1', '--year', '2', '--race', '3', '--event', '4', '--scoring-type', '5'];
    expect(parse(['series', 'push', ...args]).command).toEqual({ name: 'series push', seriesId: 1, yearId: 2, raceId: 3, eventId: 4, scoringTypeId: 5, wholeSet: false });
    expect(parse(['series', 'push', ...args, '--whole-set']).command).toMatchObject({ name: 'series push', wholeSet: true });
    usageError(['series', 'push', ...args.slice(2)], /--series ID is required/);
  });

  it('series participants takes the series, year, race and event', () => {
    expect(parse(['--json', 'series', 'participants', '--series', '1', '--year', '2', '--race', '3', '--event', '4']).command).toEqual({ name: 'series participants', seriesId: 1, yearId: 2, raceId: 3, eventId: 4 });
    usageError(['series', 'participants', '--series', '1', '--year', '2', '--race', '3'], /--event ID is required/);
  });

  it('explains each usage mistake with what to type instead', () => {
    usageError(['results', 'list', '--race', 'abc', '--event', '1'], /--race must be a whole number above 0, like --race 12345 \(got 'abc'\)/);
    usageError(['results', 'set', '--race', '1', '--event', '2', '--clock-time', '1:00:00'], /exactly one of --bib N, --registration-id N or --row ID/);
    usageError(['results', 'set', '--race', '1', '--event', '2', '--bib', '5', '--row', '7', '--place', '1'], /exactly one of --bib N, --registration-id N or --row ID/);
    usageError(['results', 'set', '--race', '1', '--event', '2', '--row', '7', '--place', '0'], /--place must be a whole number above 0/);
    usageError(['results', 'delete', '--race', '1', '--event', '2'], /--row ID is required/);
    usageError(['results', 'target', '--race', '1', '--event', '2'], /exactly one of --result-set ID .* or --new-result-set NAME/);
    usageError(['results', 'target', '--race', '1', '--event', '2', '--result-set', '9', '--preliminary'], /go with --new-result-set NAME only/);
    usageError(['results', 'target', '--race', '1', '--event', '2', '--new-result-set', '  '], /--new-result-set needs a name/);
    usageError(['results', 'set', '--race', '1', '--event', '2', '--bib', '5'], /changes nothing/);
    usageError(['results', 'set', '--race', '1', '--event', '2', '--bib', '5', '--tally', '1', '--clear-tally'], /either --tally V or --clear-tally/);
    usageError(['results', 'set', '--race', '1', '--event', '2', '--bib', '5', '--tally', 'x'], /--tally must be a number/);
    usageError(['results', 'import', 'a.csv', '--race', '1', '--event', '2', '--map', 'time=Finish'], /'time' is not a field here; use one of bib_num/);
    usageError(['results', 'import', 'a.csv', '--race', '1', '--event', '2', '--map', 'clock_time'], /FIELD=COLUMN/);
    usageError(['results', 'import', '--race', '1', '--event', '2'], /needs one FILE/);
    usageError(['race', 'fly'], /unknown command 'race fly'/);
    usageError(['status', '--colour'], /Unknown option '--colour'/);
  });

  it('never takes a secret as an argument', () => {
    usageError(['profile', 'add', 'Main', '--environment', 'production', '--auth', 'api-key', '--secret', 's3cret'], /Unknown option '--secret'/);
    expect(parse(['profile', 'add', 'Main', '--environment', 'custom', '--base-url', 'http://127.0.0.1:8787', '--auth', 'v2-key', '--key', 'k1', '--secrets-from-stdin']).command).toEqual({
      name: 'profile add',
      profile: 'Main',
      environment: 'custom',
      baseUrl: 'http://127.0.0.1:8787',
      authMode: 'v2-key',
      key: 'k1',
      secretsFromStdin: true,
    });
  });

  it('asks for no OAuth client secret unless the app registration has one', () => {
    const base = ['profile', 'add', 'Phone', '--environment', 'test', '--auth', 'oauth', '--oauth-client-id', 'rsu-timer'];
    expect(parse(base).command).not.toHaveProperty('oauthClientSecret');
    expect(parse([...base, '--oauth-client-secret']).command).toMatchObject({ oauthClientSecret: true });
    usageError([...base, '--oauth-client-secret=s3cret'], /./);
  });

  it('shows help when asked or given nothing', () => {
    expect(parse([]).command).toEqual({ name: 'help' });
    expect(parse(['--help']).command).toEqual({ name: 'help' });
  });
});
