/**
 * Hot issues' read model (migrations/20261210_40_insight_hot.ts), written only by the
 * `insight.hot` projection (docs; and members: a case merged or rejected leaves its cluster at
 * once) and the `insight-hot` job (clusters, members, runs). Docs exist only for the cases that
 * count as reports of their own (hot.projection.ts `COUNTED_STATUSES`).
 */
export interface InsightHotTables {
  /** What the clustering reads of a case (of the window, not merged or rejected): cluster.ts `clusterText` (≤ 600 characters) and its MinHash signature. */
  insight_hot_docs: {
    case_id: string;
    district_code: string;
    station_id: string;
    region_code: string;
    created_at: string;
    text: string;
    /** 64 MinHash values, base64 (minhash.ts encodeSignature); null for a text without any shingle. */
    signature: string | null;
    /** Supporters, where the channel has them (none of today's channels: null). */
    likes: number | null;
    updated_seq: number;
  };
  /** The clusters of a district's last run, `rank` 0 the first (largest, then most liked, then most recent). */
  insight_hot_clusters: {
    id: string;
    district_code: string;
    computed_at: string;
    rank: number;
    label: string;
    /** JSON: the label's terms. */
    terms: string;
    size: number;
    /** JSON: cluster.ts HotTrend over the run's window. */
    trend: string;
    /** JSON: [{ id, count }] most cases first. */
    stations: string;
    /** JSON: [{ code, count }]. */
    regions: string;
    likes: number | null;
    first_at: string;
    last_at: string;
    representative_id: string;
  };
  /** A cluster's cases with their cosine to its centroid; station, instant and likes copied, so a caller's share is counted without the cases table. */
  insight_hot_members: {
    cluster_id: string;
    case_id: string;
    similarity: number;
    station_id: string;
    created_at: string;
    likes: number | null;
  };
  /** The last run per district: its window, how many cases it read and clusters it found, how long it took. */
  insight_hot_runs: {
    district_code: string;
    computed_at: string;
    window_from: string;
    window_to: string;
    cases: number;
    clusters: number;
    millis: number;
  };
}
