/** The category suggestion's table (migrations/20261210_10_insight_models.ts). */
export interface InsightModelsTables {
  insight_models: {
    id: string;
    district_code: string;
    version: number;
    trained_at: string;
    samples: number;
    /** The district's categorised cases when it was trained (samples are at most the newest 20,000 of them). */
    history: number;
    /** JSON: Array<{ category, samples }> */
    labels: string;
    /** JSON: ModelQuality (classifier.service.ts) */
    quality: string;
    /** The classifier's serialised JSON ('' for versions whose model was let go). */
    model: string;
    active: number;
    /** 'start' (first model of the district) | 'growth' (history grew ≥ 10 %) | 'admin' */
    reason: string;
    requested_by: string | null;
    train_millis: number;
  };
}
