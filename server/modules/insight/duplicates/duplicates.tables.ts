/**
 * The duplicate check's read model (migrations/20261210_30_insight_duplicates.ts), kept by the
 * `insight.duplicates` projection for every case not ended; read through duplicates.repository.ts.
 */
export interface InsightDuplicatesTables {
  /** One row per open case: where and when it came in, and its MinHash signature (fingerprint.ts). */
  insight_duplicates: {
    case_id: string;
    district_code: string;
    station_id: string;
    region_code: string;
    created_at: string;
    status: string;
    /** 64 MinHash values, base64 (minhash.ts encodeSignature). */
    signature: string;
    /** The text's shingles (fingerprint.ts `encodeShingles`), for the exact comparison; null in rows stored before 20261226_20. */
    shingles: string | null;
    /** The case's title and tracking code, what a staff check shows (null in rows stored before 20261227_10: the check then reads the case). */
    title: string | null;
    tracking_code: string | null;
    /** fingerprint.ts `textHash` of the text the signature was computed from. */
    text_hash: string;
    /** The last case event applied (audit sequence). */
    updated_seq: number;
  };
  /**
   * The LSH band keys of each open case (fingerprint.ts `placedBandKeys`: the band's hash with the
   * case's place, the street, folded in; a 53-bit integer) with its creation instant. Its primary
   * key (band_key, created_at, case_id) is the whole table (SQLite: WITHOUT ROWID), so the
   * candidates of a new text are one range of it per key within the window
   * (migrations/20261223_10_insight_bands_compact.ts).
   */
  insight_case_bands: {
    band_key: number;
    created_at: string;
    case_id: string;
  };
}
