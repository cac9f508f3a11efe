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
    /** fingerprint.ts `textHash` of the text the signature was computed from. */
    text_hash: string;
    /** The last case event applied (audit sequence). */
    updated_seq: number;
  };
  /**
   * The 21 LSH band keys of each open case (fingerprint.ts `bandKeys`), with its place key (the
   * street: fingerprint.ts `placeKey`) and creation instant copied, so candidates come from one
   * range of the index (band_key, place, created_at, case_id) per key.
   */
  insight_case_bands: {
    band_key: string;
    case_id: string;
    place: string;
    created_at: string;
  };
}
