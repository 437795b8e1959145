/** One facilitator key as the operator issued it; the secret itself is never kept. */
export interface FacilitatorRecord {
  id: string;
  /** The operator's label for the key ("Sato, Tuesday circles"), shown back to its holder. */
  label: string;
  /** `hashSecret`'s output for the key's secret part. */
  secretHash: string;
  createdAt: number;
  /** When the operator revoked it; a revoked key opens nothing. */
  revokedAt: number | null;
}

/**
 * Where facilitator keys outlive a restart: one SQLite file on the embedded default, or Redis
 * with `REDIS_URL`. Both pass the same contract (test/support/facilitator-keys-contract.ts).
 */
export interface FacilitatorKeys {
  /** False when the id is taken, and nothing is written. */
  add(record: FacilitatorRecord): Promise<boolean>;
  find(id: string): Promise<FacilitatorRecord | undefined>;
  /** Every key, revoked ones too, oldest first. */
  list(): Promise<FacilitatorRecord[]>;
  /** False when there is no such key, or it was already revoked. */
  revoke(id: string, at: number): Promise<boolean>;
}
