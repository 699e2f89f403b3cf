// Queries for migration 0003: OAuth token timing per profile and the selected profile.
// Kept apart from profiles.ts so the profile rows stay exactly the non-secret settings.
import type { TokenTiming } from '../auth/tokenSchedule';
import type { Db } from './db';

export interface ProfileSession {
  tokenTiming(profile: string): TokenTiming | null;
  setTokenTiming(profile: string, timing: TokenTiming): void;
  forgetTokenTiming(profile: string): void;
  current(): string | null;
  /** Null clears the selection. The profile must exist (foreign key). */
  select(profile: string | null): void;
}

export function createProfileSession(db: Db): ProfileSession {
  return {
    tokenTiming(profile) {
      const row = db.prepare('SELECT issued_at_ms, expires_in_seconds FROM profile_sign_ins WHERE profile_name = ?').get(profile) as
        | { issued_at_ms: number; expires_in_seconds: number }
        | undefined;
      return row ? { issuedAtMs: row.issued_at_ms, expiresInSeconds: row.expires_in_seconds } : null;
    },
    setTokenTiming(profile, timing) {
      db.prepare(
        `INSERT INTO profile_sign_ins (profile_name, issued_at_ms, expires_in_seconds) VALUES (?, ?, ?)
         ON CONFLICT (profile_name) DO UPDATE SET issued_at_ms = excluded.issued_at_ms, expires_in_seconds = excluded.expires_in_seconds`,
      ).run(profile, Math.round(timing.issuedAtMs), Math.round(timing.expiresInSeconds));
    },
    forgetTokenTiming(profile) {
      db.prepare('DELETE FROM profile_sign_ins WHERE profile_name = ?').run(profile);
    },
    current() {
      const row = db.prepare('SELECT profile_name FROM current_profile WHERE only_row = 1').get() as { profile_name: string } | undefined;
      return row?.profile_name ?? null;
    },
    select(profile) {
      if (profile === null) db.prepare('DELETE FROM current_profile').run();
      else db.prepare('INSERT INTO current_profile (only_row, profile_name) VALUES (1, ?) ON CONFLICT (only_row) DO UPDATE SET profile_name = excluded.profile_name').run(profile);
    },
  };
}
